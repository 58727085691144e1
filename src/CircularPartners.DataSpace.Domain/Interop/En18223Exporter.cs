using System.Text.Json.Nodes;
using static CircularPartners.DataSpace.Domain.Interop.En18223Elements;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// A passport body (core and battery section, 1.0 or 2.0) as an EN 18223 battery passport in the
/// openEPCIS expanded shape (header plus <c>elements</c>). It reads only the body it is given, which
/// is the caller's filtered view, so it cannot export more than the caller may read.
/// </summary>
internal static class En18223Exporter
{
    public const string SchemaVersion = "EN 18223:2026";
    private static readonly string[] RecycledMaterials = ["cobalt", "lithium", "nickel", "lead"];

    public static JsonObject Export(ExportSource body, string passportId, bool active, DateTimeOffset lastUpdated)
    {
        body.String("/passportId");
        var link = body.String("/product/digitalLink");
        var serial = body.String("/product/serialNumber");
        var lot = body.String("/product/batchNumber");
        var document = new JsonObject
        {
            ["digitalProductPassportId"] = passportId,
            ["uniqueProductIdentifier"] = link ?? passportId,
            ["granularity"] = serial is not null ? "item" : lot is not null ? "batch" : "model",
            ["dppSchemaVersion"] = SchemaVersion,
            ["dppStatus"] = active ? "active" : "inactive",
            ["lastUpdated"] = lastUpdated.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (OperatorIdentifiers.ToUri(body.String("/economicOperator/identifier/scheme"), body.String("/economicOperator/identifier/id")
            ?? body.String("/economicOperator/corporateNumber")) is { } operatorUri)
        {
            document["economicOperatorId"] = operatorUri;
        }
        document["contentSpecificationIds"] = new JsonArray(Gs1, Core, Battery, SchemaOrg);
        JsonObject?[] elements =
        [
            Text("productName", Gs1, (body.String("/product/name"), "en"), (body.String("/product/nameJa"), "ja")),
            Single("batteryModelIdentifier", Battery, "xsd:string", body.Value("/product/model")),
            Single("gtin", Gs1, "xsd:string", body.Value("/product/gtin")),
            Single("serialNumber", SchemaOrg, "xsd:string", serial),
            Single("lotNumber", Gs1, "xsd:string", lot),
            Single("productionDate", Gs1, "xsd:date", body.Value("/product/manufacturedOn")),
            Single("lastDataUpdate", Battery, "xsd:dateTime", body.Value("/issuedAt")),
            Reference("category", SchemaOrg, Term(Battery, body.String("/battery/batteryCategory"), "Battery")),
            Reference("status", SchemaOrg, Term(Battery, body.String("/battery/batteryStatus"))),
            Collection("hasBatteryChemistry", Battery, null, Single("alternateName", SchemaOrg, "xsd:string", body.Value("/battery/chemistry"))),
            Quantity("netWeight", Gs1, body.Value("/battery/massKg"), "KGM"),
            Operator(body),
            ManufacturingPlace(body),
            TechnicalSpecifications(body),
            CarbonFootprint(body),
            RecycledContent(body),
            Text("criticalRawMaterialsStatement", Battery, (CriticalRawMaterials(body), "en")),
            Materials(body),
            Substances(body),
            Multi("hasDismantlingDocuments", Battery, body.Items("/battery/dismantlingInformation/documents").Select(d => new[]
            {
                Single("documentUrl", Battery, "xsd:anyURI", body.Value(d + "/url")),
                Reference("hasDocumentType", Battery, Term(Battery, body.String(d + "/documentType"))),
                Single("documentTitle", Battery, "xsd:string", body.Value(d + "/title")),
            })),
            Collection("hasSupplyChainDueDiligence", Battery, null,
                Single("dueDiligenceReportUrl", Battery, "xsd:anyURI", body.Value("/battery/supplyChainDueDiligence/reportUrl")),
                Single("auditDate", Battery, "xsd:date", body.Value("/battery/supplyChainDueDiligence/reportDate")),
                Single("auditBody", Battery, "xsd:string", body.Value("/battery/supplyChainDueDiligence/verifiedBy"))),
        ];
        document["elements"] = new JsonArray([.. elements.Where(e => e is not null).Cast<JsonNode>()]);
        return document;
    }

    private static JsonObject? Operator(ExportSource body)
    {
        var scheme = body.Has("/economicOperator/identifier/scheme") ? body.String("/economicOperator/identifier/scheme") : null;
        var gln = scheme == "gln" ? body.Value("/economicOperator/identifier/id") : null;
        return Collection("hasOperatorInformation", Battery, Core + "OperatorInformation",
            Reference("hasOperatorRole", Battery, Term(Core, body.String("/economicOperator/role"))),
            Address(body, "/economicOperator/country", "/economicOperator/address"),
            Collection("contactPoint", SchemaOrg, null, Single("email", SchemaOrg, "xsd:string", body.Value("/economicOperator/contactEmail"))),
            Single("globalLocationNumber", Gs1, "xsd:string", gln),
            Text("organizationName", Gs1, (body.String("/economicOperator/name"), "en"), (body.String("/economicOperator/nameJa"), "ja")));
    }

    private static JsonObject? ManufacturingPlace(ExportSource body) =>
        Collection("hasManufacturingPlace", Battery, null,
            Address(body, "/battery/manufacturingPlant/country", "/battery/manufacturingPlant/address"),
            Single("facilityIdentifier", Battery, "xsd:string", body.Value("/battery/manufacturingPlant/facilityId")),
            Single("name", SchemaOrg, "xsd:string", body.Value("/battery/manufacturingPlant/name")));

    private static JsonObject? Address(ExportSource body, string country, string address) =>
        Collection("address", SchemaOrg, null,
            Collection("addressCountry", SchemaOrg, null, Single("countryCode", Gs1, "xsd:string", body.Value(country))),
            Single("postalCode", SchemaOrg, "xsd:string", body.Value(address + "/postalCode")),
            Single("addressRegion", SchemaOrg, "xsd:string", body.Value(address + "/region")),
            Single("addressLocality", SchemaOrg, "xsd:string", body.Value(address + "/locality")),
            Single("streetAddress", SchemaOrg, "xsd:string", body.Value(address + "/streetAddress")));

    private static JsonObject? TechnicalSpecifications(ExportSource body) =>
        Collection("hasTechnicalSpecifications", Battery, null,
            Quantity("hasRatedCapacity", Battery, body.Value("/battery/ratedCapacityAh") ?? body.Value("/battery/performance/ratedCapacityAh"), "AMH"),
            Quantity("hasNominalVoltage", Battery, body.Value("/battery/nominalVoltageV"), "VLT"),
            Quantity("hasRatedEnergy", Battery, body.Value("/battery/ratedEnergyKWh"), "KWH"),
            Single("expectedCycleLife", Battery, "xsd:integer", body.Value("/battery/expectedLifetimeCycles") ?? body.Value("/battery/performance/expectedLifetimeCycles")),
            Quantity("hasOriginalPower", Battery, body.Value("/battery/performance/originalPowerW"), "WTT"),
            Quantity("hasInitialInternalResistance", Battery, body.Value("/battery/performance/internalResistanceOhm"), "OHM"),
            Single("roundTripEfficiency", Battery, "xsd:decimal", body.Value("/battery/performance/roundTripEfficiencyPercent")),
            Single("roundTripEfficiencyAt50PercentCycleLife", Battery, "xsd:decimal", body.Value("/battery/performance/roundTripEfficiencyAt50PercentCycleLife")),
            Single("lifetimeReferenceTest", Battery, "xsd:string", body.Value("/battery/performance/cycleLifeReferenceTest")),
            Single("cRateLifeCycleTest", Battery, "xsd:decimal", body.Value("/battery/performance/cRateOfCycleLifeTest")),
            Single("capacityFade", Battery, "xsd:decimal", body.Value("/battery/performance/capacityFadePercent")),
            Single("powerFade", Battery, "xsd:decimal", body.Value("/battery/performance/powerFadePercent")),
            Single("internalResistanceIncrease", Battery, "xsd:decimal", body.Value("/battery/performance/internalResistanceIncreasePercent")),
            Single("stateOfHealth", Battery, "xsd:decimal", body.Value("/battery/stateOfHealthPercent")));

    private static JsonObject? CarbonFootprint(ExportSource body)
    {
        const string cf = "/battery/carbonFootprint";
        return Collection("hasCarbonFootprintDeclaration", Battery, null,
            Single("functionalUnit", Battery, "xsd:string", body.Has(cf + "/totalKgCo2ePerKWh") ? "1 kWh" : null),
            Quantity("hasCarbonFootprintTotal", Battery, body.Value(cf + "/totalKgCo2ePerKWh"), "KGM"),
            Reference("hasCarbonFootprintPerformanceClass", Battery, Term(Battery, body.String(cf + "/performanceClass") is { } c ? "CFClass" + c : null)),
            Single("carbonFootprintStudyUrl", Battery, "xsd:anyURI", body.Value(cf + "/studyUrl")),
            Quantity("hasCarbonFootprintRawMaterialExtraction", Battery, body.Value(cf + "/lifecycleStages/rawMaterialAcquisition"), "KGM"),
            Quantity("hasCarbonFootprintProduction", Battery, body.Value(cf + "/lifecycleStages/mainProduction"), "KGM"),
            Quantity("hasCarbonFootprintDistribution", Battery, body.Value(cf + "/lifecycleStages/distribution"), "KGM"),
            Quantity("hasCarbonFootprintRecycling", Battery, body.Value(cf + "/lifecycleStages/endOfLifeAndRecycling"), "KGM"));
    }

    private static JsonObject? RecycledContent(ExportSource body)
    {
        var elements = new List<JsonObject?>();
        foreach (var material in RecycledMaterials)
        {
            elements.Add(Single(material + "RecycledShare", Battery, "xsd:decimal", body.Value($"/battery/recycledContent/{material}Percent")));
        }
        foreach (var share in body.Items("/battery/recycledContent/shares"))
        {
            var material = body.Has(share + "/materialName") ? body.String(share + "/materialName")?.ToLowerInvariant() : null;
            if (material is null || !RecycledMaterials.Contains(material))
            {
                continue; // EN 18223 has shares for the four Annex XIII metals only; the others stay in the unmapped list
            }
            elements.Add(Single(material + "PreConsumerShare", Battery, "xsd:decimal", body.Value(share + "/preConsumerPercent")));
            elements.Add(Single(material + "PostConsumerShare", Battery, "xsd:decimal", body.Value(share + "/postConsumerPercent")));
        }
        return Collection("hasRecycledContent", Battery, null, [.. elements]);
    }

    private static string? CriticalRawMaterials(ExportSource body)
    {
        var names = body.Items("/battery/criticalRawMaterials").Select(body.String).Where(n => n is not null).ToArray();
        return names.Length == 0 ? null : string.Join("; ", names);
    }

    private static JsonObject? Materials(ExportSource body) =>
        Multi("hasMaterialComposition", Battery, body.Items("/battery/materialComposition").Select(m => new[]
        {
            Single("casNumber", Battery, "xsd:string", body.Value(m + "/casNumber")),
            Reference("hasComponentLocation", Battery, Term(Battery, body.String(m + "/component"))),
            Text("name", SchemaOrg, (body.String(m + "/materialName"), "en")),
            Quantity("massOfMaterial", Battery, body.Value(m + "/massKg"), "KGM"),
        }));

    private static JsonObject? Substances(ExportSource body) =>
        Multi("hasHazardousSubstances", Battery, body.Items("/battery/hazardousSubstances").Select(s => new[]
        {
            Single("concentration", Battery, "xsd:decimal", body.Value(s + "/concentrationPercent")),
            Text("hazardImpact", Battery, (body.String(s + "/hazardClass"), "en")),
            Single("substanceCasNumber", Battery, "xsd:string", body.Value(s + "/casNumber")),
            Single("substanceEcNumber", Battery, "xsd:string", body.Value(s + "/ecNumber")),
            Text("name", SchemaOrg, (body.String(s + "/substanceName"), "en")),
        }));
}
