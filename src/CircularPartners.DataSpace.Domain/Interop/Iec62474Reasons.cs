using System.Xml.Linq;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// Why the IEC 62474 values no mapping took are dropped: looked up by <c>Element/@attribute</c>,
/// then <c>Element//</c> of the element or its nearest ancestor (everything below it), then
/// <c>Element/*</c> (any attribute of the element), then <c>?Element/@attribute</c> (a reason that
/// holds wherever the element stands unless an enclosing element says more). docs/interop.md
/// lists the same reasons.
/// </summary>
internal static class Iec62474Reasons
{
    private const string Personal = "personal data of the declarant's staff: a passport names the company, not its people (supply /economicOperator/contactEmail for a functional address)";
    private const string LocalAddress = "the address in the local script: core/2.0 holds one postal address";
    private const string Comment = "free-text comment of the declarant: no field";

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["Main/@charaLocal"] = "the script of the *Local attributes: used to read the company's local name as Japanese (JPN) or not",
        ["Main/@declarationComplete"] = "whether the declaration is complete: cmp/2.0 has no field",
        ["Main/@xsi:schemaLocation"] = "where the XML schema is: not data",
        ["Sectional/@nameOfSectional"] = "names the sections the declaration includes: the sections themselves are read",
        ["BusinessInfo/@mode"] = "exchange mode (distribution or request/response): not product data",
        ["Response/@docID"] = "the declarant's document number: not product data (the original is kept in importSource)",
        ["Response/@comment"] = Comment,
        ["Request//"] = "the requesting customer and its request: not part of the product's passport",
        ["Authorizer/*"] = Personal,
        ["Contact/*"] = Personal,
        ["Authorizer/@streetLocal"] = LocalAddress, ["Authorizer/@cityLocal"] = LocalAddress, ["Authorizer/@stateProvinceLocal"] = LocalAddress,
        ["Contact/@streetLocal"] = LocalAddress, ["Contact/@cityLocal"] = LocalAddress, ["Contact/@stateProvinceLocal"] = LocalAddress,
        ["Authorizer/@internalAddress"] = "internal mail stop: not part of the postal address", ["Contact/@internalAddress"] = "internal mail stop: not part of the postal address",
        ["?UniqueID/@version"] = "version of the identifier record: not needed to identify the company",
        ["Attachment//"] = "an attached file or its link: cmp/2.0 holds no documents (the original declaration is kept in importSource)",
        ["Signature//"] = "XML signature of the declaration: not verified by this importer (the original is kept hash-linked in importSource)",
        ["ToolNameVersionID//"] = "the tool that wrote the declaration: not product data",
        ["Product/@unitType"] = "unit of the declared product: a passport declares one article (masses are read as declared)",
        ["Product/@productFamilyName"] = "product family: core/2.0 has no field",
        ["Product/@isArticle"] = "whether the product is an article in the REACH sense: no field",
        ["Product/@comment"] = Comment,
        ["ProductID/@effectiveDate"] = "when the declaration takes effect: /cmp/declaredAt holds the declaration date",
        ["ProductID/@version"] = "the declarant's revision of the part number: no field",
        ["ProductID/@requesterName"] = "the customer's name for the product: not the product's own data",
        ["ProductID/@requesterIdentifier"] = "the customer's part number for the product: not the product's own data",
        ["ProductID/@manufacturingSite"] = "a free-text site: /manufacturingFacility needs an identifier (supply it)",
        ["InstanceID//"] = "an instance id whose kind (serial or lot) IEC 62474 does not state: supply /product/serialNumber or /product/batchNumber",
        ["ProductCategory//"] = "a category in another list: core/2.0's category is the data space's own (supply /product/category)",
        ["CountryOfManufacture//"] = "country of manufacture: core/2.0 records it only with a facility identifier (/manufacturingFacility)",
        ["OtherNames/*"] = "a brand or other name: core/2.0 has no field",
        ["Identifier//"] = "an identifier in another list than GS1 GTIN: core/2.0 has no field",
        ["Mass/@massRangeMin"] = "mass range: cmp/2.0 records one mass", ["Mass/@massRangeMax"] = "mass range: cmp/2.0 records one mass",
        ["Mass/@negativeTolerance"] = "mass tolerance: no field", ["Mass/@positiveTolerance"] = "mass tolerance: no field",
        ["MassPercent/@negativeTolerance"] = "concentration tolerance: no field", ["MassPercent/@positiveTolerance"] = "concentration tolerance: no field",
        ["MassPercent/@massPercentRangeMin"] = "a range needs both bounds: cmp/2.0 records a range as min and max",
        ["MassPercent/@massPercentRangeMax"] = "a range needs both bounds: cmp/2.0 records a range as min and max",
        ["?MassPercent/@massPercent"] = "share by mass of a part or material in its parent: cmp/2.0 records masses",
        ["?Mass/@mass"] = "a mass cmp/2.0 has no field for here",
        ["?Mass/@unitOfMeasure"] = "the unit of a mass that was not mapped",
        ["MaterialID//"] = "the material's id in a material list: cmp/2.0 holds its name and IEC 62474 class",
        ["MaterialClassID//"] = "a further material class, or one outside the IEC 62474 classes (M-NNN): cmp/2.0 holds one IEC 62474 class per material",
        ["MaterialProperty//"] = "a material property: no field",
        ["UseDescriptor//"] = "a use descriptor: no field",
        ["?EntryID/@entryDescription"] = "the entry's description in its list: the id is kept",
        ["MaterialClassDeclaration//"] = "product-level totals per material class: cmp/2.0 records classes per material",
        ["QueryList//"] = "answers to the requester's questions: no field",
        ["Exemptions//"] = "the exemption's list and description: reportableApplication holds the exemption's id",
        ["SafeUse//"] = "safe-use information for the product or part: cmp/2.0 holds it per substance",
        ["SafeUseID//"] = "the id of safe-use information in a list: safeUseInformation holds the text",
        ["PreConsumerRecycledContent//"] = "pre-consumer share of recycled content: cmp/2.0 records the total",
        ["PostConsumerRecycledContent//"] = "post-consumer share of recycled content: cmp/2.0 records the total",
        ["TotalRecycledContent//"] = "recycled mass and method: cmp/2.0 records the share (%)",
        ["RecycledContentInformation/@description"] = Comment,
        ["RenewableContent//"] = "renewable content: cmp/2.0 has no field",
        ["AverageRenewableContent//"] = "renewable content: core/2.0 has no field",
        ["AverageReusedContent//"] = "reused content: core/2.0 has no field",
        ["RecyclabilityRate//"] = "recyclability rate: no field",
        ["ProductPart/@isArticle"] = "whether the part is an article in the REACH sense: no field",
        ["Material/@isArticle"] = "whether the material is an article in the REACH sense: no field",
        ["ProductPart/@comment"] = Comment, ["Material/@comment"] = Comment, ["Substance/@comment"] = Comment, ["DsDsg/@comment"] = Comment,
        ["Composition/@isFMD"] = "whether the declaration is a full material declaration: no field",
        ["Composition/@isSCIPComplete"] = "SCIP completeness flag: no field", ["Compliance/@isSCIPComplete"] = "SCIP completeness flag: no field",
        ["CompositionThreshold/@aboveThresholdLevel"] = "whether the substance is above its threshold: the declared concentration says it",
        ["SubstanceID//"] = "a further substance id of a kind already read: cmp/2.0 holds one CAS and one EC number",
        ["DsgID//"] = "a further declarable substance group: cmp/2.0 holds one per substance",
    };

    /// <summary>Drops every value of the document no mapping reported.</summary>
    public static void SweepAll(Iec62474Mapping m)
    {
        foreach (var element in m.Document.Root.DescendantsAndSelf())
        {
            m.Sweep(element, attribute => For(element, attribute));
        }
    }

    private static string For(XElement element, string attribute)
    {
        var name = element.Name.LocalName;
        if (Reasons.TryGetValue($"{name}/@{attribute}", out var reason))
        {
            return reason;
        }
        foreach (var ancestor in element.AncestorsAndSelf())
        {
            if (Reasons.TryGetValue(ancestor.Name.LocalName + "//", out reason))
            {
                return reason;
            }
        }
        return Reasons.TryGetValue($"{name}/*", out reason) || Reasons.TryGetValue($"?{name}/@{attribute}", out reason)
            ? reason
            : $"IEC 62474 {name}/@{attribute}: cmp/2.0 has no field for it";
    }
}
