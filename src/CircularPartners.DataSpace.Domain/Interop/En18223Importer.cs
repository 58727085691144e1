using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// An EN 18223 (openEPCIS expanded) battery passport as a battery/2.0 body: the inverse of
/// <see cref="En18223Exporter"/>, so export → import keeps every field the export carried. Every
/// data value of the source is either mapped (source pointer → body pointer) or dropped with why.
/// </summary>
internal static partial class En18223Importer
{
    private const string Cf = "hasCarbonFootprintDeclaration/";
    private const string Tech = "hasTechnicalSpecifications/";
    private const string Plant = "/battery/manufacturingPlant";
    private static readonly string[] Components = ["cathode", "anode", "electrolyte", "separator", "current-collector", "casing", "other"];
    private static readonly string[] Categories = ["portable", "lmt", "sli", "industrial", "ev"];
    private static readonly string[] Statuses = ["original", "repurposed", "reused", "remanufactured", "waste"];
    private static readonly string[] Roles = ["manufacturer", "importer", "distributor", "authorised-representative", "brand-owner", "fulfilment-service-provider"];
    private static readonly string[] DocumentTypes = ["dismantling-manual", "exploded-diagram", "disassembly-sequence", "safety-instructions", "extinguishing-agent", "spare-parts-list"];

    /// <summary>Plain value rules: element path (rows as <c>[]</c>) → body pointer (<c>{0}</c> = row) and unit code the value must have.</summary>
    private static readonly Dictionary<string, (string Target, Kind Kind, string? Unit)> Rules = new(StringComparer.Ordinal)
    {
        ["digitalProductPassportId"] = ("/passportId", Kind.Text, null),
        ["productName@en"] = ("/product/name", Kind.Text, null),
        ["productName@ja"] = ("/product/nameJa", Kind.Text, null),
        ["batteryModelIdentifier"] = ("/product/model", Kind.Text, null),
        ["gtin"] = ("/product/gtin", Kind.Text, null),
        ["serialNumber"] = ("/product/serialNumber", Kind.Text, null),
        ["hasSerialNumber"] = ("/product/serialNumber", Kind.Text, null),
        ["lotNumber"] = ("/product/batchNumber", Kind.Text, null),
        ["productionDate"] = ("/product/manufacturedOn", Kind.Text, null),
        ["lastDataUpdate"] = ("/issuedAt", Kind.Text, null),
        ["hasBatteryChemistry/alternateName"] = ("/battery/chemistry", Kind.Text, null),
        ["hasBatteryChemistry/name@en"] = ("/battery/chemistry", Kind.Text, null),
        ["netWeight/value"] = ("/battery/massKg", Kind.Number, "KGM"),
        ["hasOperatorInformation/organizationName@en"] = ("/economicOperator/name", Kind.Text, null),
        ["hasOperatorInformation/organizationName"] = ("/economicOperator/name", Kind.Text, null),
        ["productName"] = ("/product/name", Kind.Text, null),
        ["hasOperatorInformation/organizationName@ja"] = ("/economicOperator/nameJa", Kind.Text, null),
        ["hasOperatorInformation/address/addressCountry/countryCode"] = ("/economicOperator/country", Kind.Text, null),
        ["hasOperatorInformation/address/postalCode"] = ("/economicOperator/address/postalCode", Kind.Text, null),
        ["hasOperatorInformation/address/addressRegion"] = ("/economicOperator/address/region", Kind.Text, null),
        ["hasOperatorInformation/address/addressLocality"] = ("/economicOperator/address/locality", Kind.Text, null),
        ["hasOperatorInformation/address/streetAddress"] = ("/economicOperator/address/streetAddress", Kind.Text, null),
        ["hasOperatorInformation/contactPoint/email"] = ("/economicOperator/contactEmail", Kind.Text, null),
        ["hasManufacturingPlace/address/addressCountry/countryCode"] = (Plant + "/country", Kind.Text, null),
        ["hasManufacturingPlace/address/postalCode"] = (Plant + "/address/postalCode", Kind.Text, null),
        ["hasManufacturingPlace/address/addressRegion"] = (Plant + "/address/region", Kind.Text, null),
        ["hasManufacturingPlace/address/addressLocality"] = (Plant + "/address/locality", Kind.Text, null),
        ["hasManufacturingPlace/address/streetAddress"] = (Plant + "/address/streetAddress", Kind.Text, null),
        ["hasManufacturingPlace/facilityIdentifier"] = (Plant + "/facilityId", Kind.Text, null),
        ["hasManufacturingPlace/globalLocationNumber"] = (Plant + "/facilityId", Kind.Text, null),
        ["hasManufacturingPlace/name"] = (Plant + "/name", Kind.Text, null),
        [Tech + "hasRatedCapacity/value"] = ("/battery/ratedCapacityAh", Kind.Number, "AMH"),
        [Tech + "hasNominalVoltage/value"] = ("/battery/nominalVoltageV", Kind.Number, "VLT"),
        [Tech + "hasRatedEnergy/value"] = ("/battery/ratedEnergyKWh", Kind.Number, "KWH"),
        [Tech + "expectedCycleLife"] = ("/battery/expectedLifetimeCycles", Kind.Integer, null),
        [Tech + "hasOriginalPower/value"] = ("/battery/performance/originalPowerW", Kind.Number, "WTT"),
        [Tech + "hasInitialInternalResistance/value"] = ("/battery/performance/internalResistanceOhm", Kind.Number, "OHM"),
        [Tech + "roundTripEfficiency"] = ("/battery/performance/roundTripEfficiencyPercent", Kind.Number, null),
        [Tech + "roundTripEfficiencyAt50PercentCycleLife"] = ("/battery/performance/roundTripEfficiencyAt50PercentCycleLife", Kind.Number, null),
        [Tech + "lifetimeReferenceTest"] = ("/battery/performance/cycleLifeReferenceTest", Kind.Text, null),
        [Tech + "cRateLifeCycleTest"] = ("/battery/performance/cRateOfCycleLifeTest", Kind.Number, null),
        [Tech + "capacityFade"] = ("/battery/performance/capacityFadePercent", Kind.Number, null),
        [Tech + "powerFade"] = ("/battery/performance/powerFadePercent", Kind.Number, null),
        [Tech + "internalResistanceIncrease"] = ("/battery/performance/internalResistanceIncreasePercent", Kind.Number, null),
        [Tech + "stateOfHealth"] = ("/battery/stateOfHealthPercent", Kind.Number, null),
        [Cf + "hasCarbonFootprintTotal/value"] = ("/battery/carbonFootprint/totalKgCo2ePerKWh", Kind.Number, "KGM"),
        [Cf + "carbonFootprintStudyUrl"] = ("/battery/carbonFootprint/studyUrl", Kind.Text, null),
        [Cf + "hasCarbonFootprintRawMaterialExtraction/value"] = ("/battery/carbonFootprint/lifecycleStages/rawMaterialAcquisition", Kind.Number, "KGM"),
        [Cf + "hasCarbonFootprintProduction/value"] = ("/battery/carbonFootprint/lifecycleStages/mainProduction", Kind.Number, "KGM"),
        [Cf + "hasCarbonFootprintDistribution/value"] = ("/battery/carbonFootprint/lifecycleStages/distribution", Kind.Number, "KGM"),
        [Cf + "hasCarbonFootprintRecycling/value"] = ("/battery/carbonFootprint/lifecycleStages/endOfLifeAndRecycling", Kind.Number, "KGM"),
        ["hasRecycledContent/cobaltRecycledShare"] = ("/battery/recycledContent/cobaltPercent", Kind.Number, null),
        ["hasRecycledContent/lithiumRecycledShare"] = ("/battery/recycledContent/lithiumPercent", Kind.Number, null),
        ["hasRecycledContent/nickelRecycledShare"] = ("/battery/recycledContent/nickelPercent", Kind.Number, null),
        ["hasRecycledContent/leadRecycledShare"] = ("/battery/recycledContent/leadPercent", Kind.Number, null),
        ["hasMaterialComposition[]/casNumber"] = ("/battery/materialComposition/{0}/casNumber", Kind.Text, null),
        ["hasMaterialComposition[]/name@en"] = ("/battery/materialComposition/{0}/materialName", Kind.Text, null),
        ["hasMaterialComposition[]/massOfMaterial/value"] = ("/battery/materialComposition/{0}/massKg", Kind.Number, "KGM"),
        ["hasHazardousSubstances[]/substanceCasNumber"] = ("/battery/hazardousSubstances/{0}/casNumber", Kind.Text, null),
        ["hasHazardousSubstances[]/substanceEcNumber"] = ("/battery/hazardousSubstances/{0}/ecNumber", Kind.Text, null),
        ["hasHazardousSubstances[]/name@en"] = ("/battery/hazardousSubstances/{0}/substanceName", Kind.Text, null),
        ["hasHazardousSubstances[]/concentration"] = ("/battery/hazardousSubstances/{0}/concentrationPercent", Kind.Number, null),
        ["hasHazardousSubstances[]/hazardImpact@en"] = ("/battery/hazardousSubstances/{0}/hazardClass", Kind.Text, null),
        ["hasDismantlingDocuments[]/documentUrl"] = ("/battery/dismantlingInformation/documents/{0}/url", Kind.Text, null),
        ["hasDismantlingDocuments[]/documentTitle"] = ("/battery/dismantlingInformation/documents/{0}/title", Kind.Text, null),
        ["hasSupplyChainDueDiligence/dueDiligenceReportUrl"] = ("/battery/supplyChainDueDiligence/reportUrl", Kind.Text, null),
        ["hasSupplyChainDueDiligence/auditDate"] = ("/battery/supplyChainDueDiligence/reportDate", Kind.Text, null),
        ["hasSupplyChainDueDiligence/auditBody"] = ("/battery/supplyChainDueDiligence/verifiedBy", Kind.Text, null),
    };

    /// <summary>Vocabulary terms (URIs) mapped to an enum value of the body.</summary>
    private static readonly Dictionary<string, (string Target, string[] Allowed, string Suffix)> Terms = new(StringComparer.Ordinal)
    {
        ["category"] = ("/battery/batteryCategory", Categories, "Battery"),
        ["status"] = ("/battery/batteryStatus", Statuses, ""),
        ["hasOperatorInformation/hasOperatorRole"] = ("/economicOperator/role", Roles, ""),
        [Cf + "hasCarbonFootprintPerformanceClass"] = ("/battery/carbonFootprint/performanceClass", ["CFClassA", "CFClassB", "CFClassC", "CFClassD", "CFClassE"], ""),
        ["hasMaterialComposition[]/hasComponentLocation"] = ("/battery/materialComposition/{0}/component", Components, ""),
        ["hasDismantlingDocuments[]/hasDocumentType"] = ("/battery/dismantlingInformation/documents/{0}/documentType", DocumentTypes, ""),
    };

    private enum Kind { Text, Number, Integer }

    public static BodyWriter Import(IReadOnlyList<En18223Value> values)
    {
        var writer = new BodyWriter();
        var byPath = values.GroupBy(v => v.Path).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var value in values)
        {
            var (general, row) = Generalize(value.Path);
            if (Rules.TryGetValue(general, out var rule))
            {
                MapValue(writer, value, string.Format(CultureInfo.InvariantCulture, rule.Target, row), rule.Kind, rule.Unit, byPath);
            }
            else if (Terms.TryGetValue(general, out var term))
            {
                MapTerm(writer, value, string.Format(CultureInfo.InvariantCulture, term.Target, row), term.Allowed, term.Suffix);
            }
            else
            {
                Special(writer, value, general, byPath);
            }
        }
        En18223Defaults.Complete(writer, byPath);
        return writer;
    }

    private static void Special(BodyWriter writer, En18223Value value, string general, Dictionary<string, En18223Value> byPath)
    {
        var share = ShareRule().Match(general);
        if (share.Success)
        {
            var material = share.Groups[1].Value;
            var index = Enumerable.Range(0, 4).First(i => writer.Get($"/battery/recycledContent/shares/{i}/materialName") is not JsonValue name
                || name.GetValue<string>() == material);
            if (writer.Get($"/battery/recycledContent/shares/{index}/materialName") is null)
            {
                writer.Map(value.Pointer, $"/battery/recycledContent/shares/{index}/materialName", material);
            }
            MapValue(writer, value, $"/battery/recycledContent/shares/{index}/{share.Groups[2].Value.ToLowerInvariant()}ConsumerPercent", Kind.Number, null, byPath);
            return;
        }
        switch (general)
        {
            case "economicOperatorId" when OperatorIdentifiers.FromUri(value.Value.GetString()) is { } identifier:
                writer.Map(value.Pointer, "/economicOperator/identifier/scheme", identifier.Scheme);
                writer.Map(value.Pointer, "/economicOperator/identifier/id", identifier.Id);
                return;
            case "hasOperatorInformation/globalLocationNumber":
                if (writer.Get("/economicOperator/identifier/id") is { } existing && existing.GetValue<string>() == value.Value.GetString())
                {
                    writer.Drop(value.Pointer, "the same GLN is already the operator identifier (economicOperatorId)");
                    return;
                }
                writer.Map(value.Pointer, "/economicOperator/identifier/scheme", "gln");
                writer.Map(value.Pointer, "/economicOperator/identifier/id", value.Value.GetString());
                return;
            case "criticalRawMaterialsStatement@en" when value.Value.GetString() is { } statement:
                var names = statement.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                for (var i = 0; i < names.Length; i++)
                {
                    writer.Map(value.Pointer, $"/battery/criticalRawMaterials/{i}", names[i]);
                }
                return;
            // The exporter writes the passport id here when the passport has no Digital Link (e.g. a urn:uuid id).
            case "uniqueProductIdentifier" when value.Value.ValueKind == JsonValueKind.String && UntpVocabulary.DigitalLink().IsMatch(value.Value.GetString()!):
                writer.Map(value.Pointer, "/product/digitalLink", value.Value.GetString());
                return;
            case "uniqueProductIdentifier":
                writer.Drop(value.Pointer, "not a GS1 Digital Link (the passport id is digitalProductPassportId)");
                return;
            case "lastUpdated":
                writer.Drop(value.Pointer, "the connector keeps its own publication time; used for /issuedAt only when lastDataUpdate is absent");
                return;
            case "granularity" or "dppSchemaVersion" or "dppStatus" or "contentSpecificationIds[]":
                writer.Drop(value.Pointer, "envelope metadata: the connector keeps its own status and schema, and derives granularity from the GS1 keys");
                return;
            case Cf + "functionalUnit":
                writer.Drop(value.Pointer, "battery/2.0 states the carbon footprint per kWh; the functional unit is fixed");
                return;
        }
        if (general.EndsWith("/unitCode", StringComparison.Ordinal))
        {
            writer.Drop(value.Pointer, "unit code: the target field has a fixed unit (checked, a value in another unit is dropped)");
            return;
        }
        writer.Drop(value.Pointer, $"battery/2.0 has no field for EN 18223 element '{general}'");
    }

    private static void MapValue(BodyWriter writer, En18223Value value, string target, Kind kind, string? unit, Dictionary<string, En18223Value> byPath)
    {
        if (unit is not null && byPath.TryGetValue(value.Path[..value.Path.LastIndexOf('/')] + "/unitCode", out var code) && code.Value.GetString() != unit)
        {
            writer.Drop(value.Pointer, $"unit {code.Value.GetString()} is not {unit}, the unit of {target}");
            return;
        }
        JsonNode? node = kind switch
        {
            Kind.Text => value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.ValueKind == JsonValueKind.Number ? value.Value.GetRawText() : null,
            _ => Number(value.Value) is { } number ? kind == Kind.Integer ? JsonValue.Create((long)number) : JsonValue.Create(number) : null,
        };
        if (node is null)
        {
            writer.Drop(value.Pointer, $"not a {kind.ToString().ToLowerInvariant()}");
            return;
        }
        writer.Map(value.Pointer, target, node);
    }

    private static void MapTerm(BodyWriter writer, En18223Value value, string target, string[] allowed, string suffix)
    {
        var uri = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString()! : "";
        var term = uri[(uri.LastIndexOf('/') + 1)..];
        if (suffix.Length > 0 && term.EndsWith(suffix, StringComparison.Ordinal))
        {
            term = term[..^suffix.Length];
        }
        var match = allowed.FirstOrDefault(a => string.Equals(a, term, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            writer.Drop(value.Pointer, $"'{term}' is not one of {target}'s values ({string.Join(", ", allowed)})");
            return;
        }
        writer.Map(value.Pointer, target, match.StartsWith("CFClass", StringComparison.Ordinal) ? match["CFClass".Length..] : match);
    }

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary><c>hasMaterialComposition[2]/casNumber</c> → (<c>hasMaterialComposition[]/casNumber</c>, 2).</summary>
    private static (string General, int Row) Generalize(string path)
    {
        var match = RowRule().Match(path);
        return match.Success ? (RowRule().Replace(path, "[]"), int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)) : (path, 0);
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex RowRule();

    [GeneratedRegex(@"^hasRecycledContent/(cobalt|lithium|nickel|lead)(Pre|Post)ConsumerShare$")]
    private static partial Regex ShareRule();
}
