using System.Text.Json;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>What the Catena-X aspects share: the operator by BPNL, passport metadata, and the carbon footprint rows.</summary>
internal abstract class CatenaxMapping(JsonElement root, List<string> notes) : LeafMapping(root)
{
    internal List<string> Notes { get; } = notes;

    /// <summary>The economic operator named by its BPNL; a value core/2.0 would refuse is dropped, leaving the identifier to be supplied.</summary>
    protected bool OperatorBpnl(SourceLeaf leaf)
    {
        if (!ImportValues.IsBpnl(leaf.Text))
        {
            return Drop(leaf, $"'{leaf.Text}' is not a BPNL (BPNL and 12 upper-case letters or digits); supply /economicOperator/identifier/scheme and /id");
        }
        Writer.Map(leaf.Pointer, "/economicOperator/identifier/scheme", "bpnl");
        Writer.Map(leaf.Pointer, "/economicOperator/identifier/id", leaf.Text);
        return true;
    }

    /// <summary>Passport metadata both aspects carry under <c>metadata</c>; true when <paramref name="name"/> is one.</summary>
    protected bool Metadata(SourceLeaf leaf, string name, string? productStatus) => name switch
    {
        "passportIdentifier" => Checked(leaf, "/passportId", ImportValues.IsPassportId, "is not a urn:uuid or GS1 Digital Link"),
        // The version's own date is the better issuedAt; the first issue date only when there is none.
        "lastModification" or "issueDate" => Checked(leaf, "/issuedAt", ImportValues.IsDate, "is not a date", d => ImportValues.StartOfDay(d)!),
        "predecessor" or "predecessor/content" when productStatus is "remanufactured" or "repurposed" or "re-used" =>
            Checked(leaf, "/previousLifePassportId", ImportValues.IsPassportId, "is not a urn:uuid or GS1 Digital Link"),
        "predecessor" or "predecessor/content" => Drop(leaf, $"the predecessor of a product in status '{productStatus ?? "unknown"}' is an earlier passport of the same product, not a previous life (previousLifePassportId is for remanufactured, repurposed or re-used products)"),
        "predecessor/applicable" => Drop(leaf, "says whether a predecessor exists; the predecessor itself is reported"),
        "status" or "passportStatus" => Drop(leaf, "the connector keeps its own passport status (active, withdrawn)"),
        "version" or "specVersion" => Drop(leaf, "the source's version and model: the connector versions every publication itself and keeps the original"),
        "expirationDate" => Drop(leaf, "core/2.0 has no expiry; the connector keeps every version"),
        "backupReference" or "registrationIdentifier" => Drop(leaf, "the connector produces the ESPR registry record (live and backup URL) itself"),
        "language" => Drop(leaf, "core/2.0 texts carry no language tag (name is Latin script, nameJa Japanese)"),
        _ => false,
    };

    /// <summary>A carbon footprint row (<c>value</c>, <c>lifecycle</c>, <c>type</c>, <c>unit</c>) as battery/2.0's per kWh figure of its stage.</summary>
    protected bool CarbonFootprintValue(SourceLeaf leaf, string? prefix)
    {
        if (prefix is null)
        {
            return Drop(leaf, "the target schema has no carbon footprint (only battery/2.0 has one)");
        }
        var type = Sibling(leaf, "type")?.Text;
        var unit = Sibling(leaf, "unit")?.Text;
        var lifecycle = Sibling(leaf, "lifecycle")?.Text?.ToLowerInvariant() ?? "";
        var stage = lifecycle switch
        {
            _ when lifecycle.Contains("raw material", StringComparison.Ordinal) => "lifecycleStages/rawMaterialAcquisition",
            _ when lifecycle.Contains("production", StringComparison.Ordinal) => "lifecycleStages/mainProduction",
            _ when lifecycle.Contains("distribution", StringComparison.Ordinal) => "lifecycleStages/distribution",
            _ when lifecycle.Contains("end of life", StringComparison.Ordinal) || lifecycle.Contains("recycling", StringComparison.Ordinal) => "lifecycleStages/endOfLifeAndRecycling",
            _ when lifecycle.Contains("total", StringComparison.Ordinal) || lifecycle.Contains("whole", StringComparison.Ordinal) => "totalKgCo2ePerKWh",
            _ => null,
        };
        if (type != "Climate Change Total" || unit is null || !unit.Replace(" ", "", StringComparison.Ordinal).Equals("kgCO2/kWh", StringComparison.OrdinalIgnoreCase) && !unit.Replace(" ", "", StringComparison.Ordinal).Equals("kgCO2e/kWh", StringComparison.OrdinalIgnoreCase) || stage is null)
        {
            return Drop(leaf, $"battery/2.0 keeps the climate change total in kg CO2e per kWh per life-cycle stage; this row is '{type}' in '{unit}' for '{lifecycle}'");
        }
        var sources = new[] { leaf, Sibling(leaf, "type"), Sibling(leaf, "unit"), Sibling(leaf, "lifecycle") }.OfType<SourceLeaf>().Select(l => l.Pointer).ToList();
        var target = $"{prefix}/{stage}";
        if (leaf.Number is not { } value || value < 0)
        {
            return Drop(leaf, $"not a non-negative number, which {target} needs");
        }
        Writer.MapCombined(sources, target, value);
        return true;
    }

    /// <summary>The qualifiers of a footprint row are reported with its value, or dropped with it.</summary>
    protected bool FootprintQualifier(SourceLeaf leaf) => Defer(leaf, "qualifies the footprint value beside it, which was not mapped");

    /// <summary>
    /// A CAS or EC number, told apart by its check digit whatever list type the source names (the
    /// Catena-X samples give the EC number 201-004-7 as "CAS"); a mismatch is noted in the report.
    /// </summary>
    internal bool RegistryNumber(SourceLeaf leaf, SourceLeaf? type, string row, bool hasEcField)
    {
        var field = ImportValues.SubstanceField(leaf.Text);
        if (field is null || field == "ecNumber" && !hasEcField)
        {
            return Drop(leaf, field is null
                ? $"'{leaf.Text}' is neither a CAS nor an EC number with a valid check digit"
                : $"'{leaf.Text}' is an EC number (check digit verified), and the target's material composition has no EC field");
        }
        var named = field == "casNumber" ? "CAS" : "EC";
        if (type?.Text is { } listed && listed != named)
        {
            Notes.Add($"{leaf.Pointer}: '{leaf.Text}' is listed as {listed} but is an {named} number (check digit verified); mapped to {row}/{field}.");
        }
        Writer.MapCombined([leaf.Pointer, .. type is null ? Array.Empty<string>() : [type.Pointer]], $"{row}/{field}", leaf.Text!);
        return true;
    }
}
