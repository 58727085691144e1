using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CircularPartners.DataSpace.Domain.Identifiers;
using static CircularPartners.DataSpace.Domain.Interop.OpenEpcisRules;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// openEPCIS textile products in JSON-LD (GS1 Web Vocabulary with the oec: and eutex: extensions) to
/// <c>textile/2.0</c>: English (and Japanese) values by their <c>@language</c>, quantities by their
/// <c>unitCode</c>, parties by GLN (check digit verified), CAS numbers verified; everything else is
/// dropped with its reason (<see cref="OpenEpcisRules.Reasons"/>).
/// </summary>
internal sealed partial class OpenEpcisImport : IPassportImporter
{
    private const string DigitalLinkGln = "https://id.gs1.org/417/";
    private const string DigitalLinkFacility = "https://id.gs1.org/414/";

    public string Format => "openepcis";

    public string Description => "openEPCIS textile product (JSON-LD)";

    public ImportedBody Import(string text, List<string> notes)
    {
        using var document = SourceText.ParseJson(text);
        var values = OpenEpcisSource.Read(document.RootElement, notes);
        var byPath = values.GroupBy(v => v.Path).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var writer = new BodyWriter();
        foreach (var value in values)
        {
            var before = writer.Mapped.Count;
            One(writer, value, byPath);
            if (value.LanguagePointer is { } language)
            {
                if (writer.Mapped.Count > before)
                {
                    writer.MapAlso(language, writer.Mapped[before].Target);
                }
                else
                {
                    writer.Drop(language, "the language tag of a value that was dropped");
                }
            }
        }
        writer.RemoveRows("/textile/fibreComposition", row => row?["materialName"] is null || row["percent"] is null, "textile/2.0 needs each fibre's name and percentage");
        writer.RemoveRows("/textile/substancesOfConcern", row => row?["substanceName"] is null, "textile/2.0 needs each substance's name");
        writer.RemoveRows("/textile/repair/repairServices", row => row?["providerName"] is null, "textile/2.0 needs each repair service's name");
        writer.RemoveRows("/textile/manufacturingFacilities", row => row?["stage"] is null || row["country"] is null, "textile/2.0 needs each facility's stage and country");
        return new ImportedBody(writer, "textile/2.0");
    }

    private static void One(BodyWriter writer, OpenEpcisValue value, Dictionary<string, OpenEpcisValue> byPath)
    {
        if (value.Path.Split('/', '[')[0].StartsWith("_comment", StringComparison.Ordinal))
        {
            writer.Drop(value.Pointer, "a comment of the document's authors");
            return;
        }
        if (Values.TryGetValue(value.Path, out var rule))
        {
            foreach (var target in rule.Targets)
            {
                OpenEpcisValues.Map(writer, value, string.Format(CultureInfo.InvariantCulture, target, value.Rows.Count > 0 ? value.Rows[0] : 0), rule.Kind);
            }
            return;
        }
        if (!Special(writer, value, byPath))
        {
            writer.Drop(value.Pointer, ReasonFor(value));
        }
    }

    private static bool Special(BodyWriter writer, OpenEpcisValue value, Dictionary<string, OpenEpcisValue> byPath)
    {
        var path = value.Path;
        var text = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString()!.Trim() : value.Value.GetRawText();
        var row = value.Rows.Count > 0 ? value.Rows[0] : 0;
        if (Operators.Any(p => path == p + "gs1:globalLocationNumber" || path == p + "oec:economicOperatorId" || path == p + "id"))
        {
            Identifier(writer, value.Pointer, text, "/economicOperator/identifier", DigitalLinkGln);
            return true;
        }
        if (path is Facility + "gs1:globalLocationNumber" or Facility + "oec:facilityId" or Facility + "id")
        {
            Identifier(writer, value.Pointer, text, "/textile/manufacturingFacilities/0/supplierIdentifier", DigitalLinkFacility);
            return true;
        }
        if (path == Facility + "oec:facilityType")
        {
            var stage = text.ToLowerInvariant() switch
            {
                "cut and sew" or "cut-make-trim" or "garment making" => "cut-make-trim",
                "spinning" => "spinning",
                "weaving" or "knitting" or "weaving and knitting" => "weaving-knitting",
                "dyeing" or "finishing" or "dyeing and finishing" => "dyeing-finishing",
                "fibre production" or "fiber production" => "fibre-production",
                _ => null,
            };
            if (stage is null)
            {
                writer.Drop(value.Pointer, $"facility type '{text}' is none of textile/2.0's manufacturing stages");
            }
            else
            {
                writer.Map(value.Pointer, "/textile/manufacturingFacilities/0/stage", stage);
            }
            return true;
        }
        if (path is Fibre + "gs1:textileMaterialDescription@en" or Fibre + "gs1:textileMaterialDescription")
        {
            // Care labels write the component after the fibre: "Recycled Polyester (Shell)".
            var match = ComponentRule().Match(text);
            writer.Map(value.Pointer, $"/textile/fibreComposition/{row}/materialName", match.Success ? match.Groups[1].Value.Trim() : text);
            if (match.Success)
            {
                writer.Map(value.Pointer, $"/textile/fibreComposition/{row}/component", match.Groups[2].Value.Trim());
            }
            return true;
        }
        if (path == Fibre + "eutex:hasFiberCertification/gs1:certificationValue")
        {
            var target = $"/textile/fibreComposition/{row}/certification";
            if (writer.Get(target) is JsonValue standard)
            {
                standard.Parent![target[(target.LastIndexOf('/') + 1)..]] = $"{standard.GetValue<string>()}: {text}";
                writer.MapAlso(value.Pointer, target);
            }
            else
            {
                writer.Map(value.Pointer, target, text);
            }
            return true;
        }
        if (path == "oec:passportIssueDate")
        {
            // The passport's version is as of its last data update; the first issue date stands in only without one.
            if (byPath.ContainsKey("oec:lastDataUpdate"))
            {
                writer.Drop(value.Pointer, "the passport's first issue date: /issuedAt holds its last data update (oec:lastDataUpdate)");
            }
            else
            {
                OpenEpcisValues.Map(writer, value, "/issuedAt", Kind.Instant);
            }
            return true;
        }
        if (path == "oec:carbonFootprintTotal")
        {
            var unit = byPath.TryGetValue("oec:declaredUnit", out var declared) ? declared.Value.GetString() ?? "" : "";
            if (unit.Length > 0 && !(unit.Contains("kg co2", StringComparison.OrdinalIgnoreCase) && PerProductRule().IsMatch(unit)))
            {
                writer.Drop(value.Pointer, $"declared in '{unit}', not kg CO2e per garment, the unit of carbonFootprintKgCo2e");
            }
            else
            {
                OpenEpcisValues.Map(writer, value, "/textile/environmentalIndicators/carbonFootprintKgCo2e", Kind.Number);
            }
            return true;
        }
        if (path == "oec:declaredUnit")
        {
            writer.MapAlso(value.Pointer, "/textile/environmentalIndicators/carbonFootprintKgCo2e");
            return true;
        }
        if (path == "eutex:hasWaterUsage/gs1:value")
        {
            var unit = byPath.TryGetValue("eutex:hasWaterUsage/gs1:unitCode", out var code) ? code.Value.GetString() : null;
            if (unit is "LTR")
            {
                OpenEpcisValues.Map(writer, value, "/textile/environmentalIndicators/waterUseLitres", Kind.Number);
            }
            else
            {
                writer.Drop(value.Pointer, $"unit {unit} is not LTR, the unit of waterUseLitres");
            }
            return true;
        }
        if (path == "eutex:hasWaterUsage/gs1:unitCode")
        {
            writer.MapAlso(value.Pointer, "/textile/environmentalIndicators/waterUseLitres");
            return true;
        }
        return false;
    }

    /// <summary>A GLN (or its GS1 Digital Link) as a <c>{scheme: gln, id}</c> at <paramref name="at"/>; the same GLN again is reported as a further source of it.</summary>
    private static void Identifier(BodyWriter writer, string pointer, string text, string at, string linkPrefix)
    {
        var gln = text.StartsWith(linkPrefix, StringComparison.Ordinal) ? text[linkPrefix.Length..].Split('#')[0] : text;
        if (!CheckDigits.IsGs1Key(gln, 13))
        {
            writer.Drop(pointer, $"'{text}' is not a GLN or its GS1 Digital Link (13 digits, check digit verified)");
            return;
        }
        if (writer.Get(at + "/id") is JsonValue existing)
        {
            if (existing.GetValue<string>() == gln)
            {
                writer.MapAlso(pointer, at + "/id");
            }
            else
            {
                writer.Drop(pointer, $"GLN {gln} differs from the identifier already read ({existing.GetValue<string>()})");
            }
            return;
        }
        writer.Map(pointer, at + "/scheme", "gln");
        writer.Map(pointer, at + "/id", gln);
    }

    private static string ReasonFor(OpenEpcisValue value)
    {
        var path = value.Path;
        var language = LanguageRule().Match(path);
        if (language.Success && (Values.ContainsKey(language.Groups[1].Value + "@en") || Values.ContainsKey(language.Groups[1].Value)))
        {
            return $"the value in language '{language.Groups[2].Value}': the passport keeps English and Japanese";
        }
        var bare = language.Success ? language.Groups[1].Value : path;
        if (Reasons.TryGetValue(bare, out var reason))
        {
            return reason;
        }
        var prefix = Reasons.Keys.Where(k => k.EndsWith('/') && bare.StartsWith(k, StringComparison.Ordinal)).OrderByDescending(k => k.Length).FirstOrDefault();
        if (prefix is not null)
        {
            return Reasons[prefix];
        }
        var last = bare[(bare.LastIndexOf('/') + 1)..];
        if (last is "type" or "type[]")
        {
            return "JSON-LD type of the node: not data";
        }
        if (last == "id" && value.Value.ValueKind == JsonValueKind.String && value.Value.GetString()!.Contains('#', StringComparison.Ordinal))
        {
            return "the node's own id (a fragment of the passport's Digital Link): not data";
        }
        return $"textile/2.0 has no field for '{bare}'";
    }

    [GeneratedRegex(@"^(.*\S)\s*\(([^()]+)\)$")]
    private static partial Regex ComponentRule();

    [GeneratedRegex(@"^(.*)@([A-Za-z-]+)$")]
    private static partial Regex LanguageRule();

    [GeneratedRegex("per (garment|product|item|piece|unit)", RegexOptions.IgnoreCase)]
    private static partial Regex PerProductRule();
}
