namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// One material of a Catena-X DPP's <c>composition</c> as a cmp/2.0 material: its identifications
/// become its substances (CAS, EC or IUPAC name), its concentration in the product (converted to
/// %, at product level), substance-of-concern hazard classes and exemption land on the first
/// substance, and its recycled share on the material.
/// </summary>
internal static class CatenaxDppSubstances
{
    private const string Concentration = "concentrationInformation/";
    private const string Concern = "substancesOfConcernInformation/content/";

    /// <param name="material">The cmp material the source material becomes, e.g. <c>/cmp/article/parts/0/materials/0</c>.</param>
    /// <param name="field">The leaf's path inside the source material.</param>
    public static bool Handle(CatenaxMapping map, SourceLeaf leaf, string material, string field)
    {
        var substance = material + "/substances/0";
        if (field.StartsWith(Concern, StringComparison.Ordinal))
        {
            field = field[Concern.Length..];
            if (field.StartsWith("substanceOfConcernConcentrationRange/", StringComparison.Ordinal))
            {
                // The same range as the material's concentration range: reported as a second source of it.
                return Range(map, leaf, substance, field["substanceOfConcernConcentrationRange/".Length..]);
            }
        }
        else if (field.StartsWith(Concentration, StringComparison.Ordinal))
        {
            field = field[Concentration.Length..];
            if (field.StartsWith("concentrationRange/", StringComparison.Ordinal))
            {
                return Range(map, leaf, substance, field["concentrationRange/".Length..]);
            }
        }
        switch (field)
        {
            case "materialIdentifications[]/materialName":
                if (leaf.Row(1) == 0)
                {
                    map.Text(leaf, material + "/materialName");
                }
                return map.Text(leaf, $"{material}/substances/{leaf.Row(1)}/substanceName");
            case "materialIdentifications[]/materialId":
                return Identification(map, leaf, $"{material}/substances/{leaf.Row(1)}");
            case "materialIdentifications[]/materialListTypeId":
                return map.Defer(leaf, "names the list of the identifier beside it, which was not mapped");
            case "recycled":
                return map.Percent(leaf, material + "/recycledContentPercent");
            case "concentration/concentrationValue":
                return Percent(map, leaf, substance + "/concentrationPercent");
            case "hazardClassifications[]/hazardClass":
                var category = map.Sibling(leaf, "hazardCategory");
                map.Writer.MapCombined([leaf.Pointer, .. category is null ? Array.Empty<string>() : [category.Pointer]],
                    $"{substance}/hazardClasses/{leaf.Row(1)}", string.Join(" ", new[] { leaf.Text, category?.Text }.Where(t => !string.IsNullOrWhiteSpace(t))));
                return true;
            case "hazardClassifications[]/hazardCategory":
                return map.Defer(leaf, "the category of a hazard class that was not mapped");
            case "hazardClassifications[]/hazardStatement":
                return map.Drop(leaf, "the hazard statement's text: cmp/2.0 keeps the hazard class and category");
            case "exemption":
                return map.Text(leaf, substance + "/reportableApplication");
        }
        if (field.EndsWith("concentrationUnit", StringComparison.Ordinal))
        {
            return map.Defer(leaf, "the unit of a concentration that was not mapped");
        }
        if (field.EndsWith("applicable", StringComparison.Ordinal))
        {
            return map.Drop(leaf, "says whether the section applies; its content is reported field by field");
        }
        return map.Drop(leaf, field.Contains("Locations", StringComparison.Ordinal)
            ? "cmp/2.0 has no location of a material or substance in the product"
            : $"cmp/2.0 keeps a material's name, substances, concentration, hazard classes and recycled share, not its '{field}'");
    }

    private static bool Identification(CatenaxMapping map, SourceLeaf leaf, string row)
    {
        var type = map.Sibling(leaf, "materialListTypeId");
        if (type?.Text == "IUPAC")
        {
            map.Writer.MapCombined([leaf.Pointer, type.Pointer], row + "/iupacName", leaf.Text!);
            return true;
        }
        return type?.Text is "CAS" or "EC" or null
            ? map.RegistryNumber(leaf, type, row, hasEcField: true)
            : map.Drop(leaf, $"a {type.Text} identifier: cmp/2.0 keeps CAS and EC numbers and IUPAC names");
    }

    private static bool Range(CatenaxMapping map, SourceLeaf leaf, string substance, string field) => field switch
    {
        "minConcentration/concentrationValue" => Percent(map, leaf, substance + "/concentrationRangePercent/min"),
        "maxConcentration/concentrationValue" => Percent(map, leaf, substance + "/concentrationRangePercent/max"),
        _ => map.Defer(leaf, "the unit of a concentration that was not mapped"),
    };

    /// <summary>A concentration in the product, converted to % by mass with the unit beside it; the level is the product's.</summary>
    private static bool Percent(CatenaxMapping map, SourceLeaf leaf, string target)
    {
        var unit = map.Sibling(leaf, "concentrationUnit");
        if (leaf.Number is not { } value || ImportValues.Percent(value, unit?.Text) is not { } percent || percent > 100)
        {
            return map.Drop(leaf, $"a concentration in '{unit?.Text}' is not a share by mass cmp/2.0 can state in %");
        }
        if (map.Writer.Get(target) is not null)
        {
            map.Drop(leaf, $"{target} is already set from another source field");
            return unit is null || map.Drop(unit, $"the unit of a concentration already set from another source field");
        }
        map.Writer.MapCombined([leaf.Pointer, .. unit is null ? Array.Empty<string>() : [unit.Pointer]], target, percent);
        var level = target[..target.IndexOf("/concentration", StringComparison.Ordinal)] + "/concentrationLevel";
        if (map.Writer.Get(level) is null)
        {
            map.Writer.Map(leaf.Pointer, level, "product");
        }
        return true;
    }
}
