namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>How openEPCIS textile values land in core/2.0 + textile/2.0: value rules by path, and the reasons the rest is dropped (docs/interop.md lists both).</summary>
internal static class OpenEpcisRules
{
    public enum Kind { Text, Number, Bool, Country, Gtin, Instant, Fraction, Symbol, Category, Role, Cas, Term }

    public const string Fibre = "gs1:textileMaterial[]/";
    public const string Care = "eutex:hasCareInstructions/";
    public const string Substance = "eutex:hasSubstancesOfConcern[]/";
    public const string Facility = "eutex:hasCutAndSewFacility/";
    private const string T = "/textile";
    private const string Env = "/textile/environmentalIndicators";

    /// <summary>The organisations read as the economic operator (the first that sets a field wins; the others' equal values are reported as duplicates).</summary>
    public static readonly string[] Operators = ["gs1:manufacturer/", "oec:hasOperatorInformation/"];

    /// <summary>Path → body pointers (<c>{0}</c> = the row) and how the value is read.</summary>
    public static readonly Dictionary<string, (string[] Targets, Kind Kind)> Values = Build();

    private static Dictionary<string, (string[] Targets, Kind Kind)> Build()
    {
        var rules = new Dictionary<string, (string[], Kind)>(StringComparer.Ordinal)
        {
            ["id"] = (["/passportId", "/product/digitalLink"], Kind.Text),
            ["oec:passportIdentifier"] = (["/passportId"], Kind.Text),
            ["gs1:gtin"] = (["/product/gtin"], Kind.Gtin),
            ["schema:serialNumber"] = (["/product/serialNumber"], Kind.Text),
            ["gs1:productName@en"] = (["/product/name"], Kind.Text),
            ["gs1:productName"] = (["/product/name"], Kind.Text),
            ["gs1:productName@ja"] = (["/product/nameJa"], Kind.Text),
            ["gs1:productName[]@en"] = (["/product/name"], Kind.Text),
            ["gs1:productName[]"] = (["/product/name"], Kind.Text),
            ["gs1:productName[]@ja"] = (["/product/nameJa"], Kind.Text),
            ["schema:category/@id"] = (["/product/category"], Kind.Category),
            ["oec:hasProductCategory/id"] = (["/product/category"], Kind.Category),
            ["gs1:productionDate"] = (["/product/manufacturedOn"], Kind.Text),
            ["oec:lastDataUpdate"] = (["/issuedAt"], Kind.Instant),
            ["eutex:garmentType"] = ([T + "/garmentType"], Kind.Text),
            [Fibre + "gs1:textileMaterialPercentage"] = ([T + "/fibreComposition/{0}/percent"], Kind.Number),
            [Fibre + "eutex:fiberOrigin"] = ([T + "/fibreComposition/{0}/origin"], Kind.Country),
            [Fibre + "eutex:isRecycledFiber"] = ([T + "/fibreComposition/{0}/recycled"], Kind.Bool),
            [Fibre + "eutex:recycledContentSource"] = ([T + "/fibreComposition/{0}/recycledSource"], Kind.Text),
            [Fibre + "eutex:hasFiberCertification/gs1:certificationStandard"] = ([T + "/fibreComposition/{0}/certification"], Kind.Text),
            [Care + "eutex:hasWashingSymbol/@id"] = ([T + "/careInstructions/washing"], Kind.Symbol),
            [Care + "eutex:hasBleachingSymbol/@id"] = ([T + "/careInstructions/bleaching"], Kind.Symbol),
            [Care + "eutex:hasDryingSymbol/@id"] = ([T + "/careInstructions/drying"], Kind.Symbol),
            [Care + "eutex:hasIroningSymbol/@id"] = ([T + "/careInstructions/ironing"], Kind.Symbol),
            [Care + "eutex:hasDryCleaningSymbol/@id"] = ([T + "/careInstructions/professionalCleaning"], Kind.Symbol),
            [Care + "eutex:additionalCareInstructions@en"] = ([T + "/careInstructions/text"], Kind.Text),
            [Care + "eutex:additionalCareInstructions"] = ([T + "/careInstructions/text"], Kind.Text),
            [Care + "eutex:additionalCareInstructions@ja"] = ([T + "/careInstructions/textJa"], Kind.Text),
            [Care + "eutex:additionalCareInstructions[]@en"] = ([T + "/careInstructions/text"], Kind.Text),
            [Care + "eutex:additionalCareInstructions[]@ja"] = ([T + "/careInstructions/textJa"], Kind.Text),
            ["eutex:hasRecyclabilityAssessment/eutex:isRecyclable"] = ([T + "/collectionAndReuse/recyclable"], Kind.Bool),
            ["eutex:hasEnvironmentalFootprint/eutex:pefcrReference"] = ([Env + "/methodology"], Kind.Text),
            ["oec:carbonFootprintStudyUrl"] = ([Env + "/lcaReportUrl"], Kind.Text),
            [Substance + "schema:name"] = ([T + "/substancesOfConcern/{0}/substanceName"], Kind.Text),
            [Substance + "schema:iupacName"] = ([T + "/substancesOfConcern/{0}/iupacName"], Kind.Text),
            [Substance + "oec:casNumber"] = ([T + "/substancesOfConcern/{0}/casNumber"], Kind.Cas),
            [Substance + "eutex:hasClpHazardCategory/@id"] = ([T + "/substancesOfConcern/{0}/hazardClasses/0"], Kind.Term),
            [Substance + "oec:substanceLocation"] = ([T + "/substancesOfConcern/{0}/location"], Kind.Text),
            [Substance + "eutex:safeUseInstructions"] = ([T + "/substancesOfConcern/{0}/safeUseInformation"], Kind.Text),
            [Substance + "eutex:endOfLifeHandling"] = ([T + "/substancesOfConcern/{0}/endOfLifeInformation"], Kind.Text),
            ["oec:hasRecycledContentDetails/oec:recycledContent"] = (["/recycledContentPercent"], Kind.Fraction),
            ["oec:hasRepairabilityInfo/oec:repairabilityScore"] = ([T + "/repair/repairabilityScore"], Kind.Number),
            ["eutex:repairGuideUrl"] = ([T + "/repair/repairInstructionsUrl"], Kind.Text),
            ["eutex:hasRepairServices[]/gs1:organizationName"] = ([T + "/repair/repairServices/{0}/providerName"], Kind.Text),
            ["eutex:hasRepairServices[]/gs1:contactPoint/schema:url/id"] = ([T + "/repair/repairServices/{0}/url"], Kind.Text),
            [Facility + "schema:name"] = ([T + "/manufacturingFacilities/0/facilityName"], Kind.Text),
            [Facility + "gs1:address/gs1:addressCountry/gs1:countryCode"] = ([T + "/manufacturingFacilities/0/country"], Kind.Country),
        };
        foreach (var party in Operators)
        {
            rules[party + "gs1:organizationName"] = (["/economicOperator/name"], Kind.Text);
            rules[party + "oec:hasOperatorRole/id"] = (["/economicOperator/role"], Kind.Role);
            rules[party + "gs1:address/gs1:streetAddress"] = (["/economicOperator/address/streetAddress"], Kind.Text);
            rules[party + "gs1:address/gs1:addressLocality"] = (["/economicOperator/address/locality"], Kind.Text);
            rules[party + "gs1:address/gs1:addressRegion"] = (["/economicOperator/address/region"], Kind.Text);
            rules[party + "gs1:address/gs1:postalCode"] = (["/economicOperator/address/postalCode"], Kind.Text);
            rules[party + "gs1:address/gs1:addressCountry/gs1:countryCode"] = (["/economicOperator/country"], Kind.Country);
            rules[party + "gs1:contactPoint/gs1:email"] = (["/economicOperator/contactEmail"], Kind.Text);
        }
        return rules;
    }

    /// <summary>Why values no rule maps are dropped: by exact path, else by the longest path prefix ending in <c>/</c>.</summary>
    public static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["@context[]"] = "JSON-LD context: names the vocabularies (checked: the openEPCIS textile context)",
        ["gs1:productDescription[]"] = "product description: core/2.0 has no field",
        ["gs1:productDescription"] = "product description: core/2.0 has no field",
        ["gs1:targetConsumerGender/"] = "target consumer gender: no field",
        ["eutex:sizeRange"] = "size range: no field",
        ["eutex:seasonCollection"] = "season collection: no field",
        ["eutex:hasFabricType/"] = "fabric type: textile/2.0 has no field",
        ["eutex:hasApparelSubcategory/"] = "apparel subcategory: /product/category holds the category",
        ["gs1:brand/"] = "brand: core/2.0 has no field",
        ["oec:customsCommodityCode"] = "customs commodity code: core/2.0 has no field",
        ["oec:granularityLevel"] = "granularity: the connector derives it from the GS1 keys of the passport id",
        ["gs1:countryOfOrigin/"] = "country of origin: textile/2.0 records countries per manufacturing stage (manufacturingFacilities) and per fibre",
        ["gs1:netWeight/"] = "net weight: textile/2.0 has no mass field",
        ["gs1:manufacturer/gs1:contactPoint/gs1:telephone"] = "telephone: core/2.0 has no field",
        ["oec:hasOperatorInformation/gs1:contactPoint/gs1:telephone"] = "telephone: core/2.0 has no field",
        ["gs1:manufacturer/gs1:contactPoint/schema:url/"] = "a document link of the operator: core/2.0 has no field",
        [Fibre + "eutex:hasFiberCertification/gs1:certificationAgency"] = "the certification body: the standard and certificate id are kept",
        ["eutex:hasDurabilityInfo/"] = "durability test results (wash cycles, pilling, colour fastness, strength): textile/2.0 has no durability fields",
        ["eutex:hasRobustnessAssessment/"] = "robustness assessment: textile/2.0 has no durability fields",
        ["eutex:hasMicroplasticInfo/"] = "microplastic information: textile/2.0 records shedding in mg per kg of textile after the first wash, which the source does not state",
        ["eutex:hasRecyclabilityAssessment/"] = "recyclability scores and sorting factors: textile/2.0 records whether it is recyclable",
        ["eutex:hasRecycledContentDeclaration[]/"] = "recycled-content declarations per material stream: the total is read from oec:hasRecycledContentDetails",
        ["oec:hasRecycledContentDetails/oec:preConsumerRecycledContent"] = "pre-consumer share: core/2.0 records the total recycled content",
        ["oec:hasRecycledContentDetails/oec:postConsumerRecycledContent"] = "post-consumer share: core/2.0 records the total recycled content",
        ["eutex:hasEnvironmentalFootprint/"] = "PEF scores and LCIA categories: textile/2.0 records the total carbon footprint, water use and methodology",
        ["eutex:hasEnergyUsage/"] = "energy use: textile/2.0 has no field",
        ["eutex:productionWastePercentage"] = "production waste: textile/2.0 has no field",
        ["eutex:pfasFree"] = "PFAS-free claim: substances of concern are declared one by one",
        ["eutex:biodegradable"] = "biodegradability claim: no field",
        [Substance + "eutex:hasSocType/"] = "the ESPR substance-of-concern type: textile/2.0 has no field",
        [Substance + "eutex:substanceConcentration"] = "the vocabulary states no unit for this concentration (fraction or %): supply concentrationPercent",
        ["eutex:takeBackProgramAvailable"] = "whether a take-back programme exists: the programme itself is described below",
        ["eutex:hasTakeBackProgram/"] = "the take-back programme has no name, which textile/2.0 requires (supply /textile/collectionAndReuse/takeBackProgrammes)",
        ["gs1:consumerRecyclingInstructions[]"] = "recycling instructions for consumers: textile/2.0 has no field",
        ["eutex:isRepairable"] = "repairable claim: the repair section says how",
        ["eutex:sparePartsAvailable"] = "spare-parts claim: textile/2.0 lists spare parts by name, which the source does not give",
        ["eutex:sparePartsUrl"] = "spare-parts link: textile/2.0 lists spare parts by name, which the source does not give",
        ["eutex:hasRepairServices[]/"] = "textile/2.0 keeps a repair service's name and URL",
        ["oec:hasRepairabilityInfo/"] = "repairability class, spare-part years and networks: textile/2.0 records the score",
        ["gs1:certification[]/"] = "product certifications: textile/2.0 records certifications per fibre",
        ["oec:hasConformityDeclaration/"] = "declaration of conformity document: textile/2.0 holds no documents",
        ["oec:passportVersion"] = "the connector keeps its own versions",
        ["oec:passportStatus"] = "the connector keeps its own status",
        ["oec:hasBackupCopyHost/"] = "backup host: the connector's ESPR registry record names its own backup",
        ["oec:dataQualityAssessment"] = "data quality grade: no field",
        [Facility + "gs1:address/"] = "the facility's town: textile/2.0 records its country",
        [Facility + "oec:hasFacilityCertifications[]/"] = "the facility's certifications: textile/2.0 has no field",
    };
}
