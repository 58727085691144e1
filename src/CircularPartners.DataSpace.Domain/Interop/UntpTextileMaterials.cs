using System.Text.Json;
using System.Text.Json.Nodes;
using static CircularPartners.DataSpace.Domain.Interop.UntpVocabulary;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// A textile's fibre composition and substances of concern as UNTP materials: a fibre is a material
/// with its <c>massFraction</c> (percent ÷ 100), <c>originCountry</c> and, for a fibre marked
/// recycled or not, a <c>recycledMassFraction</c> of 1 or 0; a substance of concern is a material
/// with <c>hazardous: true</c>, CAS and concentration as <c>massFraction</c>.
/// </summary>
internal static class UntpTextileMaterials
{
    private const string Fibres = "/textile/fibreComposition";
    private const string Substances = "/textile/substancesOfConcern";

    public static void Export(ExportSource body, JsonArray materials)
    {
        foreach (var f in body.Items(Fibres))
        {
            var fibre = UntpMaterials.Material(body.Value(f + "/materialName"), null, false);
            UntpCredentialBuilder.Put(fibre, "massFraction", body.Value(f + "/percent") is { } percent ? Fraction(percent.GetValue<double>()) : null);
            UntpCredentialBuilder.Put(fibre, "originCountry", body.Value(f + "/origin"));
            UntpCredentialBuilder.Put(fibre, "recycledMassFraction", body.Value(f + "/recycled") is { } recycled ? recycled.GetValue<bool>() ? 1 : 0 : null);
            materials.Add(fibre);
        }
        foreach (var s in body.Items(Substances))
        {
            var substance = UntpMaterials.Material(body.Value(s + "/substanceName"), body.String(s + "/casNumber"), true);
            UntpCredentialBuilder.Put(substance, "massFraction", body.Value(s + "/concentrationPercent") is { } c ? Fraction(c.GetValue<double>()) : null);
            materials.Add(substance);
        }
    }

    public static void Import(UntpReader source, JsonElement materials)
    {
        int fibres = 0, substances = 0;
        for (var i = 0; i < materials.GetArrayLength(); i++)
        {
            var at = $"/credentialSubject/materialsProvenance/{i}";
            if (materials[i].TryGetProperty("hazardous", out var hazardous) && hazardous.ValueKind == JsonValueKind.True)
            {
                var row = $"{Substances}/{substances++}";
                source.MapString(at + "/name", row + "/substanceName");
                UntpMaterials.Cas(source, at, row);
                if (source.Number(at + "/massFraction") is { } fraction)
                {
                    source.Map(at + "/massFraction", row + "/concentrationPercent", Percent(fraction));
                }
            }
            else
            {
                var row = $"{Fibres}/{fibres++}";
                source.MapString(at + "/name", row + "/materialName");
                if (source.Number(at + "/massFraction") is { } fraction)
                {
                    source.Map(at + "/massFraction", row + "/percent", Percent(fraction));
                }
                if (source.String(at + "/originCountry") is { Length: 2 } origin && origin.All(char.IsAsciiLetterUpper))
                {
                    source.Map(at + "/originCountry", row + "/origin", origin);
                }
                if (source.Number(at + "/recycledMassFraction") is { } recycled && recycled is 0 or 1)
                {
                    source.Map(at + "/recycledMassFraction", row + "/recycled", recycled == 1);
                }
            }
            source.Drop(at + "/hazardous", "tells a substance of concern from a fibre");
        }
        // textile/2.0 requires a fibre's share: a material without a mass fraction is no fibre row.
        source.Writer.RemoveRows(Fibres, row => row?["percent"] is null || row["materialName"] is null, "textile/2.0 needs a fibre's name and share (massFraction)");
    }
}
