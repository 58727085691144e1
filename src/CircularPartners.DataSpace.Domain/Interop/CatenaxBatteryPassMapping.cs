using System.Text.Json;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// A Catena-X BatteryPass 6.1.0 aspect as a battery/2.0 body. The operator is named only by BPNL:
/// its name and country come from supplied values. Substance numbers go to the CAS or the EC field
/// by their check digit, whatever list type the source names.
/// </summary>
internal sealed class CatenaxBatteryPassMapping : CatenaxMapping
{
    private const string Battery = "/battery";
    private const string Performance = "/battery/performance";
    internal const string Hazardous = "/battery/hazardousSubstances";
    private const string Documents = "/battery/dismantlingInformation/documents";

    // The substances the Battery Regulation names (Annex VI part A): the schema's property is the substance.
    private static readonly Dictionary<string, string> NamedSubstances = new(StringComparer.Ordinal)
    {
        ["cadmium"] = "7440-43-9", ["mercury"] = "7439-97-6", ["lead"] = "7439-92-1",
    };

    private static readonly Dictionary<string, (string Target, double Max, bool Integer)> Numbers = new(StringComparer.Ordinal)
    {
        ["performance/rated/capacity/value"] = (Battery + "/ratedCapacityAh", double.MaxValue, false),
        ["performance/rated/voltage/nominal"] = (Battery + "/nominalVoltageV", double.MaxValue, false),
        ["performance/rated/energy/value"] = (Battery + "/ratedEnergyKWh", double.MaxValue, false),
        ["performance/rated/power/value"] = (Performance + "/originalPowerW", double.MaxValue, false),
        ["performance/rated/resistance/pack"] = (Performance + "/internalResistanceOhm", double.MaxValue, false),
        ["performance/rated/roundTripEfficiency/initial"] = (Performance + "/roundTripEfficiencyPercent", 100, false),
        ["performance/rated/roundTripEfficiency/50PercentLife"] = (Performance + "/roundTripEfficiencyAt50PercentCycleLife", 100, false),
        ["performance/rated/lifetime/cycleLifeTesting/cycles"] = (Battery + "/expectedLifetimeCycles", double.MaxValue, true),
        ["performance/rated/lifetime/cycleLifeTesting/appliedDischargeRate"] = (Performance + "/cRateOfCycleLifeTest", double.MaxValue, false),
        ["performance/dynamic/capacity/fade/value"] = (Performance + "/capacityFadePercent", 100, false),
        ["performance/dynamic/power/fade/value"] = (Performance + "/powerFadePercent", 100, false),
        ["performance/dynamic/resistance/increase/pack/value"] = (Performance + "/internalResistanceIncreasePercent", double.MaxValue, false),
        ["materials/active/cobalt/recycled"] = (Battery + "/recycledContent/cobaltPercent", 100, false),
        ["materials/active/lithium/recycled"] = (Battery + "/recycledContent/lithiumPercent", 100, false),
        ["materials/active/nickel/recycled"] = (Battery + "/recycledContent/nickelPercent", 100, false),
        ["materials/active/lead/recycled"] = (Battery + "/recycledContent/leadPercent", 100, false),
        ["materials/hazardous/lead/recycled"] = (Battery + "/recycledContent/leadPercent", 100, false),
    };

    // Document lists of the source and the battery/2.0 document type each one is.
    private static readonly Dictionary<string, string> DocumentTypes = new(StringComparer.Ordinal)
    {
        ["safety/dismantling[]"] = "dismantling-manual",
        ["safety/removalFromAppliance[]"] = "disassembly-sequence",
        ["safety/safetyMeasures[]"] = "safety-instructions",
        ["safety/safeDischarging[]"] = "safety-instructions",
        ["safety/usableExtinguishAgent[]/document[]"] = "extinguishing-agent",
    };

    private readonly string? _status;

    private CatenaxBatteryPassMapping(JsonElement root, List<string> notes) : base(root, notes) =>
        _status = At("/sustainability/status")?.Text;

    public static BodyWriter Map(JsonElement root, List<string> notes) => new CatenaxBatteryPassMapping(root, notes).Run();

    protected override string Unmapped(SourceLeaf leaf) => $"battery/2.0 has no field for BatteryPass '{leaf.Path}'";

    protected override bool Handle(SourceLeaf leaf)
    {
        var path = leaf.Path;
        if (Numbers.TryGetValue(path, out var number))
        {
            return Number(leaf, number.Target, 0, number.Max, integer: number.Integer);
        }
        if (path.StartsWith("metadata/", StringComparison.Ordinal))
        {
            return path == "metadata/economicOperatorId" ? OperatorBpnl(leaf) : Metadata(leaf, path["metadata/".Length..], _status);
        }
        if (path.StartsWith("materials/", StringComparison.Ordinal))
        {
            return CatenaxBatteryMaterials.Handle(this, leaf);
        }
        if (path.StartsWith("sustainability/carbonFootprint[]/", StringComparison.Ordinal))
        {
            return CarbonFootprint(leaf, path["sustainability/carbonFootprint[]/".Length..]);
        }
        var document = DocumentTypes.Keys.FirstOrDefault(k => path.StartsWith(k + "/", StringComparison.Ordinal));
        if (document is not null)
        {
            return Document(leaf, Documents, document, path[(document.Length + 1)..], DocumentTypes[document]);
        }
        if (path.StartsWith("performance/rated/testReport[]/", StringComparison.Ordinal) || path.StartsWith("conformity/resultOfTestReport[]/", StringComparison.Ordinal))
        {
            var list = path[..(path.IndexOf("[]", StringComparison.Ordinal) + 2)];
            return Document(leaf, Battery + "/testReports", list, path[(list.Length + 1)..], null);
        }
        if (path.StartsWith("sources[]/", StringComparison.Ordinal))
        {
            return ProductDocument(leaf, path["sources[]/".Length..], "other");
        }
        if (path.StartsWith("conformity/declarationOfConformity[]/", StringComparison.Ordinal))
        {
            return ProductDocument(leaf, path["conformity/declarationOfConformity[]/".Length..], "declaration-of-conformity");
        }
        return path switch
        {
            "identification/chemistry" => Text(leaf, Battery + "/chemistry"),
            "identification/identification/codes[]/value" => CommodityCode(leaf),
            "identification/identification/codes[]/key" => Defer(leaf, "the kind of a code that was not mapped"),
            "identification/identification/dataCarrier/carrierType" => DataCarrier(leaf),
            "identification/identification/dataCarrier/carrierLayout" => Drop(leaf, "core/2.0 keeps the data carrier's type, not where it sits on the battery"),
            "identification/category" => Category(leaf),
            "identification/identification/type/manufacturerPartId" => Text(leaf, "/product/model"),
            "identification/identification/type/nameAtManufacturer" => Text(leaf, "/product/name"),
            "identification/identification/serial[]/value" => Text(leaf, "/product/serialNumber"),
            "identification/identification/batch[]/value" => Text(leaf, "/product/batchNumber"),
            "identification/identification/serial[]/key" or "identification/identification/batch[]/key" =>
                Drop(leaf, "names the kind of the identifier beside it (the value is mapped)"),
            "operation/manufacturer/manufacturingDate" => Checked(leaf, "/product/manufacturedOn", ImportValues.IsDate, "is not a date"),
            "operation/manufacturer/facility[]/facility" => Text(leaf, Battery + "/manufacturingPlant/facilityId"),
            "operation/manufacturer/manufacturer" => Drop(leaf, "the manufacturer's BPNL: battery/2.0 names the economic operator only (metadata/economicOperatorId)"),
            "operation/intoServiceDate" => Drop(leaf, "battery/2.0 has no putting-into-service date"),
            "characteristics/physicalDimension/weight/value" =>
                Number(leaf, Battery + "/massKg", convert: v => ImportValues.Kilograms(v, Sibling(leaf, "unit")?.Text)),
            "characteristics/physicalDimension/weight/unit" => Drop(leaf, "the weight's unit: the value is converted to kg (/battery/massKg)"),
            "sustainability/status" => Status(leaf),
            "performance/rated/temperature/lower" => Number(leaf, Performance + "/temperatureRangeIdleC/min", double.MinValue),
            "performance/rated/temperature/upper" => Number(leaf, Performance + "/temperatureRangeIdleC/max", double.MinValue),
            "conformity/dueDiligencePolicy[]/content" => Checked(leaf, Battery + "/supplyChainDueDiligence/reportUrl", ImportValues.IsHttpUrl, "is not an http(s) link"),
            _ when path.EndsWith("/time", StringComparison.Ordinal) => Drop(leaf, "when the dynamic value beside it was measured: battery/2.0 keeps the value, not its time"),
            _ when path.EndsWith("/temperature", StringComparison.Ordinal) || path.EndsWith("/depthOfDischarge", StringComparison.Ordinal) =>
                Drop(leaf, "a test condition of the rated value beside it: battery/2.0 keeps the value only"),
            _ => false,
        };
    }

    protected override void Complete()
    {
        // battery/2.0 requires a name for each hazardous substance; a row the source left unnamed is not kept.
        Writer.RemoveRows(Hazardous, row => row?["substanceName"] is null, "battery/2.0 needs each hazardous substance's name; the source gives none for this one");
        Writer.RemoveRows(Battery + "/materialComposition", row => row?["materialName"] is null, "battery/2.0 needs each material's name; the source gives none for this one");
        Writer.RemoveRows(Documents, row => row?["url"] is null, "battery/2.0 needs each document's link; this one has none that is http(s)");
        Writer.RemoveRows(Battery + "/testReports", row => row?["url"] is null, "battery/2.0 needs each test report's link; this one has none that is http(s)");
    }

    private bool Category(SourceLeaf leaf)
    {
        var category = leaf.Text?.ToLowerInvariant();
        if (category is not ("sli" or "lmt" or "ev" or "industrial" or "portable"))
        {
            return Drop(leaf, $"'{leaf.Text}' is not a battery/2.0 category (portable, lmt, sli, industrial, ev)");
        }
        Writer.Map(leaf.Pointer, Battery + "/batteryCategory", category);
        // Our category path is derived from the battery category, as for EN 18223 imports.
        Writer.Map(leaf.Pointer, "/product/category", $"batteries/{category}-batteries");
        return true;
    }

    private bool Status(SourceLeaf leaf)
    {
        var status = leaf.Text == "re-used" ? "reused" : leaf.Text;
        if (status is not ("original" or "repurposed" or "reused" or "remanufactured" or "waste"))
        {
            return Drop(leaf, $"'{leaf.Text}' is not a battery/2.0 status");
        }
        Writer.Map(leaf.Pointer, Battery + "/batteryStatus", status);
        return true;
    }

    private bool CarbonFootprint(SourceLeaf leaf, string field) => field switch
    {
        "value" => CarbonFootprintValue(leaf, Battery + "/carbonFootprint"),
        "type" or "unit" or "lifecycle" => FootprintQualifier(leaf),
        "performanceClass" => Checked(leaf, Battery + "/carbonFootprint/performanceClass", v => v is "A" or "B" or "C" or "D" or "E", "is not a class A to E"),
        "declaration[]/content" => Checked(leaf, Battery + "/carbonFootprint/studyUrl", ImportValues.IsHttpUrl, "is not an http(s) link"),
        "manufacturingPlant[]/facility" => Text(leaf, Battery + "/manufacturingPlant/facilityId"),
        _ => Drop(leaf, "battery/2.0 keeps the footprint's values, class and study link, not its rulebook or document titles"),
    };

    /// <summary>A source document (<c>contentType</c>, <c>header</c>, <c>content</c>) as a row of a battery/2.0 document list.</summary>
    internal bool Document(SourceLeaf leaf, string array, string list, string field, string? documentType)
    {
        var row = RowFor(array, leaf.Pointer[..leaf.Pointer.LastIndexOf('/')]);
        switch (field)
        {
            case "content":
                Checked(leaf, $"{array}/{row}/url", ImportValues.IsHttpUrl, "is not an http(s) link");
                if (documentType is not null && Writer.Get($"{array}/{row}/url") is not null)
                {
                    Writer.Map(leaf.Pointer, $"{array}/{row}/documentType", documentType);
                }
                return true;
            case "header":
                return Text(leaf, $"{array}/{row}/title");
            case "contentType":
                return Drop(leaf, "the kind of the link (URL): the target keeps the link itself");
            default:
                return Drop(leaf, $"battery/2.0 keeps a document's link and title, not '{field}' of {list}");
        }
    }

    internal static IReadOnlyDictionary<string, string> Named => NamedSubstances;
}
