using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The <c>materials</c> section of a Catena-X BatteryPass: hazardous substances (cadmium, mercury,
/// lead and others, concentrations converted to %), the material composition, recycled shares and
/// which materials are critical raw materials.
/// </summary>
internal static partial class CatenaxBatteryMaterials
{
    private const string Critical = "/battery/criticalRawMaterials";
    private const string Composition = "/battery/materialComposition";
    private static readonly string[] Components = ["cathode", "anode", "electrolyte", "separator", "current-collector", "casing", "other"];

    public static bool Handle(CatenaxBatteryPassMapping map, SourceLeaf leaf)
    {
        var path = leaf.Path;
        if (path.EndsWith("/critical", StringComparison.Ordinal))
        {
            return CriticalRawMaterial(map, leaf);
        }
        if (path.EndsWith("/documentation[]/content", StringComparison.Ordinal) || path.Contains("/documentation[]/", StringComparison.Ordinal)
            || path.Contains("/impactOfSubstances[]/", StringComparison.Ordinal))
        {
            return map.Drop(leaf, "battery/2.0 keeps no documents per material or substance");
        }
        if (path.EndsWith("/location", StringComparison.Ordinal) && !path.StartsWith("materials/composition", StringComparison.Ordinal))
        {
            return map.Drop(leaf, "battery/2.0 keeps no location per active material or hazardous substance");
        }
        var hazardous = HazardousRule().Match(path);
        if (hazardous.Success)
        {
            return Hazardous(map, leaf, hazardous.Groups[1].Value, hazardous.Groups[2].Value);
        }
        if (path.StartsWith("materials/composition[]/", StringComparison.Ordinal))
        {
            return CompositionRow(map, leaf, path["materials/composition[]/".Length..]);
        }
        if (path.StartsWith("materials/active/", StringComparison.Ordinal) && (path.EndsWith("/concentration", StringComparison.Ordinal) || path.EndsWith("/materialUnit", StringComparison.Ordinal)))
        {
            return map.Drop(leaf, "battery/2.0 states concentrations of hazardous substances (materials/hazardous), not of active materials");
        }
        return path.StartsWith("materials/active/", StringComparison.Ordinal)
            ? map.Drop(leaf, "battery/2.0 keeps the recycled shares of cobalt, lithium, nickel and lead (Art. 8) and the critical raw materials' names, not this")
            : false;
    }

    private static bool Hazardous(CatenaxBatteryPassMapping map, SourceLeaf leaf, string substance, string field)
    {
        var rowPointer = substance == "other[]" ? $"/materials/hazardous/other/{leaf.Row(0)}" : "/materials/hazardous/" + substance;
        var row = $"{CatenaxBatteryPassMapping.Hazardous}/{map.RowFor(CatenaxBatteryPassMapping.Hazardous, rowPointer)}";
        switch (field)
        {
            case "concentration":
                var unit = map.Sibling(leaf, "materialUnit");
                if (leaf.Number is not { } value || ImportValues.Percent(value, unit?.Text) is not { } percent || percent > 100)
                {
                    return map.Drop(leaf, $"a concentration in '{unit?.Text}' is not a share by mass battery/2.0 can state in %");
                }
                if (CatenaxBatteryPassMapping.Named.TryGetValue(substance, out var cas))
                {
                    // The schema's property names the substance (Annex VI part A), so its name and CAS number are the property's.
                    map.Writer.Map(leaf.Pointer, row + "/substanceName", substance);
                    map.Writer.Map(leaf.Pointer, row + "/casNumber", cas);
                }
                map.Writer.MapCombined([leaf.Pointer, .. unit is null ? Array.Empty<string>() : [unit.Pointer]], row + "/concentrationPercent", percent);
                map.Writer.Map(leaf.Pointer, row + "/concentrationLevel", "product");
                return true;
            case "materialUnit":
                return map.Defer(leaf, "the unit of a concentration that was not mapped");
            case "materialIdentification[]/name":
                return map.Text(leaf, row + "/substanceName");
            case "materialIdentification[]/id":
                return map.RegistryNumber(leaf, map.Sibling(leaf, "type"), row, hasEcField: true);
            case "materialIdentification[]/type":
                return map.Defer(leaf, "names the list of the identifier beside it, which was not mapped");
            default:
                return map.Drop(leaf, $"battery/2.0 keeps no '{field}' per hazardous substance");
        }
    }

    private static bool CompositionRow(CatenaxBatteryPassMapping map, SourceLeaf leaf, string field)
    {
        var rowPointer = $"/materials/composition/{leaf.Row(0)}";
        var row = $"{Composition}/{map.RowFor(Composition, rowPointer)}";
        switch (field)
        {
            case "id[]/name":
                return map.Text(leaf, row + "/materialName");
            case "id[]/id":
                return map.RegistryNumber(leaf, map.Sibling(leaf, "type"), row, hasEcField: false);
            case "id[]/type":
                return map.Defer(leaf, "names the list of the identifier beside it, which was not mapped");
            case "location":
                var component = Components.FirstOrDefault(c => c.Equals(leaf.Text, StringComparison.OrdinalIgnoreCase));
                if (component is null)
                {
                    return map.Drop(leaf, $"'{leaf.Text}' is not a battery/2.0 component ({string.Join(", ", Components)})");
                }
                map.Writer.Map(leaf.Pointer, row + "/component", component);
                return true;
            default:
                return map.Drop(leaf, $"battery/2.0 keeps a material's name, CAS number, component and mass, not its '{field}'");
        }
    }

    private static bool CriticalRawMaterial(CatenaxBatteryPassMapping map, SourceLeaf leaf)
    {
        if (leaf.Value.ValueKind != JsonValueKind.True)
        {
            return map.Drop(leaf, "not a critical raw material");
        }
        // A named material is the schema's property (materials/active/cobalt); a listed one names itself.
        var name = leaf.Path.Contains("[]", StringComparison.Ordinal)
            ? (map.Sibling(leaf, "materialIdentification/0/name") ?? map.Sibling(leaf, "id/0/name"))?.Text
            : leaf.Path.Split('/')[2];
        if (name is null)
        {
            return map.Drop(leaf, "a critical raw material without a name");
        }
        var listed = map.Writer.Get(Critical) is JsonArray names ? names.Select(n => n!.GetValue<string>()).ToList() : [];
        if (listed.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return map.Drop(leaf, $"'{name}' is already listed as a critical raw material");
        }
        map.Writer.Map(leaf.Pointer, $"{Critical}/{listed.Count}", name);
        return true;
    }

    [GeneratedRegex(@"^materials/hazardous/(cadmium|mercury|lead|other\[\])/(.+)$")]
    private static partial Regex HazardousRule();
}
