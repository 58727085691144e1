using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Domain.Identifiers;
using static CircularPartners.DataSpace.Domain.Interop.UntpVocabulary;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// <c>materialsProvenance</c> both ways. A battery's material composition rows are materials
/// (<c>hazardous: false</c>, CAS as <c>materialType</c>, <c>mass</c> in KGM), its substances of
/// concern are materials with <c>hazardous: true</c> (concentration as <c>massFraction</c>), and the
/// recycled share of each Annex XIII metal is a material with only a <c>name</c> and a
/// <c>recycledMassFraction</c>; the importer tells the three apart the same way.
/// </summary>
internal static class UntpMaterials
{
    private const string CasSchemeName = "CAS Registry Number";

    public static JsonArray Export(ExportSource body)
    {
        var materials = new JsonArray();
        foreach (var m in body.Items("/battery/materialComposition"))
        {
            var name = body.Value(m + "/materialName");
            var material = Material(name, body.String(m + "/casNumber"), false);
            UntpCredentialBuilder.Put(material, "mass", body.Value(m + "/massKg") is { } mass ? new JsonObject { ["value"] = mass, ["unit"] = "KGM" } : null);
            materials.Add(material);
        }
        foreach (var s in body.Items("/battery/hazardousSubstances"))
        {
            var substance = Material(body.Value(s + "/substanceName"), body.String(s + "/casNumber"), true);
            UntpCredentialBuilder.Put(substance, "massFraction", body.Value(s + "/concentrationPercent") is { } c ? Fraction(c.GetValue<double>()) : null);
            materials.Add(substance);
        }
        foreach (var metal in RecycledMetals)
        {
            if (body.Value($"/battery/recycledContent/{metal}Percent") is { } share)
            {
                materials.Add(new JsonObject { ["type"] = Types("Material"), ["name"] = metal, ["recycledMassFraction"] = Fraction(share.GetValue<double>()) });
            }
        }
        UntpTextileMaterials.Export(body, materials);
        UntpCmpMaterials.Export(body, materials);
        return materials;
    }

    /// <summary>Maps each material to the battery or textile section (or drops it when the target schema has no material list).</summary>
    public static void Import(UntpReader source, string schemaId)
    {
        if (source.Element("/credentialSubject/materialsProvenance") is not { ValueKind: JsonValueKind.Array } materials)
        {
            return;
        }
        if (schemaId.StartsWith("textile/", StringComparison.Ordinal))
        {
            UntpTextileMaterials.Import(source, materials);
            return;
        }
        if (!schemaId.StartsWith("battery/", StringComparison.Ordinal))
        {
            source.Drop("/credentialSubject/materialsProvenance", schemaId.StartsWith("cmp/", StringComparison.Ordinal)
                ? "a flat material list has no place in cmp/2.0's article tree (an export of ours carries the tree in cpdsPassport)"
                : $"{schemaId} has no material list this importer fills (battery/2.0 and textile/2.0 have)");
            return;
        }
        int composition = 0, substances = 0;
        for (var i = 0; i < materials.GetArrayLength(); i++)
        {
            var at = $"/credentialSubject/materialsProvenance/{i}";
            var material = materials[i];
            if (material.TryGetProperty("hazardous", out var hazardous) && hazardous.ValueKind == JsonValueKind.True)
            {
                Substance(source, at, $"/battery/hazardousSubstances/{substances++}");
            }
            else if (IsMetalShare(material, out var metal))
            {
                source.Map(at + "/recycledMassFraction", $"/battery/recycledContent/{metal}Percent", Percent(material.GetProperty("recycledMassFraction").GetDouble()));
                source.Drop(at + "/name", "names the metal of the recycled share");
            }
            else
            {
                Composition(source, at, $"/battery/materialComposition/{composition++}");
            }
            source.Drop(at + "/hazardous", "tells a substance of concern from a material");
        }
    }

    private static void Composition(UntpReader source, string at, string row)
    {
        source.MapString(at + "/name", row + "/materialName");
        Cas(source, at, row);
        if (source.String(at + "/mass/unit") == "KGM" && source.Number(at + "/mass/value") is { } mass)
        {
            source.Map(at + "/mass/value", row + "/massKg", mass);
            source.Drop(at + "/mass/unit", "the unit of massKg (KGM)");
        }
        source.Drop(at + "/massFraction", "battery/2.0 states a material's mass, not its mass fraction");
        source.Drop(at + "/recycledMassFraction", "battery/2.0 states recycled shares per Annex XIII metal only");
    }

    private static void Substance(UntpReader source, string at, string row)
    {
        source.MapString(at + "/name", row + "/substanceName");
        Cas(source, at, row);
        if (source.Number(at + "/massFraction") is { } fraction)
        {
            source.Map(at + "/massFraction", row + "/concentrationPercent", Percent(fraction));
        }
    }

    public static void Cas(UntpReader source, string at, string row)
    {
        var scheme = source.String(at + "/materialType/schemeID") ?? "";
        var schemeName = source.String(at + "/materialType/schemeName") ?? "";
        if (source.String(at + "/materialType/code") is not { } code)
        {
            return;
        }
        if (!scheme.StartsWith(CasScheme, StringComparison.Ordinal) && !schemeName.StartsWith("CAS", StringComparison.Ordinal))
        {
            source.Drop(at + "/materialType", $"material type '{code}' is not a CAS number; battery/2.0 classifies materials by CAS only");
            return;
        }
        if (!CheckDigits.IsCasNumber(code))
        {
            source.Drop(at + "/materialType", $"'{code}' is not a CAS number (check digit)");
            return;
        }
        source.Map(at + "/materialType/code", row + "/casNumber", code);
        source.Drop(at + "/materialType", "describes the CAS number");
    }

    /// <summary>A recycled share as the exporter writes it: an Annex XIII metal's name and its recycled fraction, nothing else.</summary>
    private static bool IsMetalShare(JsonElement material, out string metal)
    {
        metal = material.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "";
        return RecycledMetals.Contains(metal, StringComparer.Ordinal)
            && material.TryGetProperty("recycledMassFraction", out var share) && share.ValueKind == JsonValueKind.Number
            && !material.TryGetProperty("materialType", out _) && !material.TryGetProperty("mass", out _) && !material.TryGetProperty("massFraction", out _);
    }

    public static JsonObject Material(JsonNode? name, string? cas, bool hazardous)
    {
        var material = new JsonObject { ["type"] = Types("Material") };
        UntpCredentialBuilder.Put(material, "name", name);
        if (cas is not null)
        {
            material["materialType"] = new JsonObject
            {
                ["type"] = Types("Classification"),
                ["id"] = CasScheme + "detail?cas_rn=" + cas,
                ["code"] = cas,
                ["name"] = name?.DeepClone() ?? cas,
                ["schemeID"] = CasScheme,
                ["schemeName"] = CasSchemeName,
            };
        }
        material["hazardous"] = hazardous;
        return material;
    }
}
