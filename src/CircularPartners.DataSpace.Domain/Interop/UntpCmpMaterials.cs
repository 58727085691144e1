using System.Text.Json.Nodes;
using static CircularPartners.DataSpace.Domain.Interop.UntpVocabulary;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// A chemical declaration's materials and declared substances as UNTP materials, for the partner
/// who reads UNTP terms only: a material with its <c>mass</c> (KGM) and <c>recycledMassFraction</c>,
/// a declared substance as a material with <c>hazardous: true</c>, CAS and mass. Export only: UNTP's
/// flat list cannot hold the article → part → material → substance tree, which comes back from the
/// <c>cpdsPassport</c> extension (the exporter's own import check puts it there).
/// </summary>
internal static class UntpCmpMaterials
{
    public static void Export(ExportSource body, JsonArray materials)
    {
        foreach (var part in body.Items("/cmp/article/parts"))
        {
            foreach (var m in body.Items(part + "/materials"))
            {
                var material = UntpMaterials.Material(body.Value(m + "/materialName"), null, false);
                UntpCredentialBuilder.Put(material, "mass", body.Value(m + "/massKg") is { } mass ? new JsonObject { ["value"] = mass, ["unit"] = "KGM" } : null);
                UntpCredentialBuilder.Put(material, "recycledMassFraction",
                    body.Value(m + "/recycledContentPercent") is { } recycled ? Fraction(recycled.GetValue<double>()) : null);
                materials.Add(material);
                foreach (var s in body.Items(m + "/substances"))
                {
                    var substance = UntpMaterials.Material(body.Value(s + "/substanceName"), body.String(s + "/casNumber"), true);
                    UntpCredentialBuilder.Put(substance, "mass", body.Value(s + "/massKg") is { } kg ? new JsonObject { ["value"] = kg, ["unit"] = "KGM" } : null);
                    materials.Add(substance);
                }
            }
        }
    }
}
