using System.Globalization;
using System.Xml.Linq;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The structure the IEC 62474 XML schema (X8.21) requires, checked in code because the schema is
/// the IEC's and not published for redistribution: every element's allowed and required children,
/// its allowed and required attributes, the attribute types (float, boolean, date, base64 and
/// the schema's enumerations), element order within each sequence and elements that may occur
/// once. The content of an XML signature (<c>ds:Signature</c>) is not looked into.
/// </summary>
internal static class Iec62474Structure
{
    private const int MaxViolations = 100;
    private static readonly XNamespace Ds = "http://www.w3.org/2000/09/xmldsig#";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private sealed record Shape(string[] Attributes, string[] Children);

    /// <summary>Element name → schema type, where they differ (every other element's type has its name).</summary>
    private static readonly Dictionary<string, string> TypeOf = new(StringComparer.Ordinal)
    {
        ["Authorizer"] = "Contact", ["RequestCompany"] = "Company", ["SupplyCompany"] = "Company",
        ["ToolNameVersionID"] = "UniqueID", ["InstanceID"] = "UniqueID", ["ListID"] = "UniqueID", ["DeclarableSubstanceList"] = "UniqueID",
        ["DSLforComposition"] = "UniqueID", ["DSLforCompliance"] = "UniqueID", ["MaterialClassList"] = "UniqueID", ["QueryListID"] = "UniqueID",
        ["MaterialID"] = "UniqueEntry", ["MaterialClassID"] = "UniqueEntry", ["MaterialProperty"] = "UniqueEntry", ["UseDescriptor"] = "UniqueEntry",
        ["ProductCategory"] = "UniqueEntry", ["Identifier"] = "UniqueEntry", ["SubstanceID"] = "UniqueEntry", ["DsgID"] = "UniqueEntry", ["SafeUseID"] = "UniqueEntry",
        ["DsDsgID"] = "EntryID", ["QueryID"] = "EntryID", ["CompositionThreshold"] = "Threshold",
        ["TotalRecycledContent"] = "RecycledContent", ["PreConsumerRecycledContent"] = "RecycledContent", ["PostConsumerRecycledContent"] = "RecycledContent",
        ["AverageRecycledContent"] = "RecycledContentInformation", ["AverageRenewableContent"] = "RenewableContent", ["AverageReusedContent"] = "ReusedContent",
    };

    /// <summary>Schema types: attributes as <c>name:type</c>, children by element name in the schema's sequence order; <c>!</c> marks a required one, <c>*</c> one that may repeat.</summary>
    private static readonly Dictionary<string, Shape> Shapes = new(StringComparer.Ordinal)
    {
        ["Main"] = new(["schemaDatabaseVersion!", "charaLocal", "declarationComplete:boolean"], ["Include", "BusinessInfo!", "Product!*", "Signature", "ToolNameVersionID"]),
        ["Include"] = new([], ["Sectional!*"]),
        ["Sectional"] = new(["nameOfSectional:nameOfSectional!"], []),
        ["BusinessInfo"] = new(["mode:mode!"], ["Request", "Response", "Attachment*"]),
        ["Request"] = new(["comment", "date:date!", "docID", "internalSupplierID", "respondByDate:date"], ["Contact!", "RequestCompany!", "RequestContent"]),
        ["Response"] = new(["comment", "date:date!", "docID"], ["Authorizer!", "Contact!", "SupplyCompany!"]),
        ["RequestContent"] = new(["comment"], ["Include!", "DSLforComposition*", "DSLforCompliance*", "MaterialClassList*"]),
        ["Contact"] = new(["city", "cityLocal", "comment", "commentLocal", "country", "email!", "internalAddress", "division", "divisionLocal", "name!", "nameLocal",
            "phone!", "postalCode", "stateProvince", "stateProvinceLocal", "street", "streetLocal", "title!", "titleLocal"], []),
        ["Company"] = new(["name!", "nameLocal"], ["UniqueID"]),
        ["UniqueID"] = new(["authority!", "identity!", "version!"], []),
        ["UniqueEntry"] = new([], ["ListID", "EntryID!"]),
        ["EntryID"] = new(["entryIdentity!", "entryDescription"], []),
        ["Attachment"] = new(["data:base64", "fileName!", "fileType!", "fileURL", "fileZipLocation", "fileDescription:fileDescription", "otherFileDescription", "language"], []),
        ["Product"] = new(["unitType:unitType!", "productFamilyName", "isArticle:boolean", "comment"],
            ["ProductID!*", "Compliance*", "Composition", "MaterialClassDeclaration*", "QueryList*", "Attachment*", "Exemptions*", "SafeUse*", "ProductCircularity"]),
        ["ProductID"] = new(["effectiveDate:date", "identifier", "manufacturingSite", "name", "requesterIdentifier", "requesterName", "version"],
            ["Mass", "MassPercent", "InstanceID*", "ProductCategory*", "Identifier*", "OtherNames*", "CountryOfManufacture"]),
        ["OtherNames"] = new(["type:otherNamesType!", "otherType", "name!"], []),
        ["CountryOfManufacture"] = new([], ["CountryInformation!*"]),
        ["CountryInformation"] = new(["countryCode!"], []),
        ["Mass"] = new(["mass:float!", "massRangeMin:float", "massRangeMax:float", "negativeTolerance:float", "positiveTolerance:float", "unitOfMeasure:unitOfMeasure!"], []),
        ["MassPercent"] = new(["massPercent:float!", "massPercentRangeMin:float", "massPercentRangeMax:float", "negativeTolerance:float", "positiveTolerance:float"], []),
        ["Compliance"] = new(["isSCIPComplete:boolean"], ["DeclarableSubstanceList!", "DsDsg!*"]),
        ["DsDsg"] = new(["name!", "descriptionOfUse", "comment"], ["DsDsgID!", "Mass", "MassPercent", "ComplianceThreshold!", "Exemptions*", "SafeUse*", "ProductPartInformation*"]),
        ["ComplianceThreshold"] = new(["aboveComplianceThreshold:boolean!", "reportableApplication!", "reportingThreshold!"], []),
        ["Threshold"] = new(["aboveThresholdLevel:boolean!", "reportableApplication", "reportingThreshold!"], []),
        ["Exemptions"] = new([], ["UniqueID!", "Exemption!*"]),
        ["Exemption"] = new(["description!", "identity!", "regIndex"], []),
        ["SafeUse"] = new(["safeUseInformation"], ["SafeUseID*"]),
        ["ProductPartInformation"] = new(["name", "numberOfUnits:float!"],
            ["Identifier!*", "ProductCategory", "SafeUse*", "MaterialClassID*", "MaterialProperty*", "UseDescriptor*", "IntermediateComplexObject*", "Attachment*", "CountryOfManufacture"]),
        ["IntermediateComplexObject"] = new(["name", "numberOfUnits:float!"], ["Identifier!*", "ProductCategory", "SafeUse*", "CountryOfManufacture"]),
        ["Composition"] = new(["isSCIPComplete:boolean", "isFMD:boolean"], ["DeclarableSubstanceList!*", "ProductPart*", "Material*", "Substance*"]),
        ["ProductPart"] = new(["numberOfUnits:float!", "isArticle:boolean", "comment"], ["ProductID!", "ProductPart*", "Material*", "Substance*", "Attachment*", "SafeUse*", "ProductCircularity"]),
        ["Material"] = new(["comment", "name!", "isArticle:boolean"],
            ["MaterialID", "MaterialClassID*", "Mass", "MassPercent", "Substance*", "Attachment*", "MaterialProperty*", "UseDescriptor*", "MaterialCircularity"]),
        ["Substance"] = new(["name", "descriptionOfUse", "comment"], ["SubstanceID*", "DsgID*", "Mass", "MassPercent", "Exemptions*", "CompositionThreshold*", "SafeUse*"]),
        ["MaterialClassDeclaration"] = new([], ["MaterialClassList!", "MaterialClass!*"]),
        ["MaterialClass"] = new(["comment", "id!", "name!"], ["MassPercent", "Mass", "MaterialCircularity"]),
        ["QueryList"] = new([], ["QueryListID", "Query!*"]),
        ["Query"] = new(["response:boolean", "statement!", "numberResponse:float", "additionalInformation", "additionalInformationURL"], ["QueryID"]),
        ["MaterialCircularity"] = new([], ["RecycledContentInformation!", "RenewableContent!", "RecyclabilityRate!"]),
        ["RecycledContentInformation"] = new(["description"], ["TotalRecycledContent!", "PreConsumerRecycledContent!", "PostConsumerRecycledContent!"]),
        ["RecycledContent"] = new(["description", "recyclingMethod:recyclingMethod", "otherRecyclingMethod"], ["Mass!", "MassPercent!", "Attachment!"]),
        ["ReusedContent"] = new(["description"], ["Mass!", "MassPercent!", "Attachment!"]),
        ["RenewableContent"] = new(["description"], ["Mass!", "MassPercent!", "Attachment!"]),
        ["ProductCircularity"] = new([], ["AverageRecycledContent!", "AverageRenewableContent!", "AverageReusedContent!", "RecyclabilityRate!"]),
        ["RecyclabilityRate"] = new(["description", "calculationMethod"], ["MassPercent!", "Attachment!"]),
    };

    private static readonly Dictionary<string, string[]> Enumerations = new(StringComparer.Ordinal)
    {
        ["unitType"] = ["each", "g", "kg", "cm^2", "m^2", "cm^3", "m^3", "cm", "m", "l"],
        ["unitOfMeasure"] = ["mg", "g", "kg"],
        ["mode"] = ["Distribution", "Requester/responder"],
        ["nameOfSectional"] = ["Compliance", "Composition", "MaterialClassDeclaration", "QueryList"],
        ["fileDescription"] = ["Test Report", "Certificate of Compliance", "Picture", "Disassembly Instructions", "Other"],
        ["otherNamesType"] = ["brand", "model", "type", "other"],
        ["recyclingMethod"] = ["mechanical recycling", "chemical recycling", "other"],
    };

    public static void Check(Iec62474Document document, List<string> notes)
    {
        var violations = new List<Violation>();
        if (document.Root.Name != Iec62474Document.Ns + "Main")
        {
            var message = $"The root element is '{document.Root.Name.LocalName}' in namespace '{document.Root.Name.NamespaceName}'; an IEC 62474 declaration is 'Main' in {Iec62474Document.Ns.NamespaceName}.";
            throw new Errors.PassportValidationException(message, [new Violation("/" + document.Root.Name.LocalName, "root", message)]);
        }
        Element(document, document.Root, "Main", violations);
        if (violations.Count > 0)
        {
            throw new Errors.PassportValidationException(
                $"The source does not have the structure of an IEC 62474 declaration ({violations.Count}{(violations.Count >= MaxViolations ? "+" : "")} problems, first: {violations[0].Message})", violations);
        }
        notes.Add("The IEC 62474 XML schema (X8.21) is the IEC's and not redistributable, so its structure was checked in code: required and allowed elements and attributes, "
            + "attribute types (float, boolean, date, base64), enumerations, element order and single occurrences. Not checked: the content of ds:Signature (not verified) "
            + "and xsd:float's lexical details beyond parsing as a number.");
    }

    private static void Element(Iec62474Document document, XElement element, string type, List<Violation> violations)
    {
        var pointer = document.Pointer(element);
        var shape = Shapes[type];
        if (Iec62474Document.Text(element) is not null)
        {
            Add(violations, pointer, "text", $"{element.Name.LocalName} has text content; IEC 62474 elements carry their values in attributes.");
        }
        var allowed = shape.Attributes.Select(a => a.TrimEnd('!').Split(':')).ToDictionary(a => a[0], a => a.Length > 1 ? a[1] : "string", StringComparer.Ordinal);
        foreach (var attribute in Iec62474Document.DataAttributes(element))
        {
            if (attribute.Name.Namespace == Xsi)
            {
                continue;
            }
            if (attribute.Name.Namespace != XNamespace.None || !allowed.TryGetValue(attribute.Name.LocalName, out var kind))
            {
                Add(violations, document.Pointer(attribute), "attribute", $"{element.Name.LocalName} has no attribute '{Iec62474Document.Name(attribute)}' in IEC 62474.");
            }
            else if (!Conforms(attribute.Value, kind))
            {
                Add(violations, document.Pointer(attribute), "type", $"'{attribute.Value}' is not a valid {kind}{(Enumerations.TryGetValue(kind, out var values) ? $" ({string.Join(", ", values)})" : "")}.");
            }
        }
        foreach (var required in shape.Attributes.Where(a => a.EndsWith('!')).Select(a => a.TrimEnd('!').Split(':')[0]))
        {
            if (element.Attribute(required) is null)
            {
                Add(violations, pointer, "required", $"{element.Name.LocalName} needs attribute '{required}'.");
            }
        }
        // The schema's types are all sequences: children in the listed order, each at most once unless marked repeatable.
        var children = shape.Children.Select((c, i) => (Name: c.TrimEnd('!', '*'), Required: c.Contains('!', StringComparison.Ordinal), Repeatable: c.EndsWith('*'), Order: i))
            .ToDictionary(c => c.Name, StringComparer.Ordinal);
        var last = -1;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in element.Elements())
        {
            var name = child.Name.LocalName;
            if (child.Name == Ds + "Signature" && children.ContainsKey(name))
            {
                continue;
            }
            if (child.Name.Namespace != Iec62474Document.Ns || !children.TryGetValue(name, out var slot))
            {
                Add(violations, document.Pointer(child), "element", $"{element.Name.LocalName} has no child '{name}' (namespace '{child.Name.NamespaceName}') in IEC 62474.");
                continue;
            }
            if (slot.Order < last)
            {
                Add(violations, document.Pointer(child), "order", $"'{name}' comes after an element the schema puts after it (order: {string.Join(", ", children.Keys)}).");
            }
            if (!seen.Add(name) && !slot.Repeatable)
            {
                Add(violations, document.Pointer(child), "occurs", $"{element.Name.LocalName} has at most one '{name}'.");
            }
            last = Math.Max(last, slot.Order);
            Element(document, child, TypeOf.GetValueOrDefault(name, name), violations);
        }
        foreach (var (name, _) in children.Where(c => c.Value.Required))
        {
            if (element.Element(Iec62474Document.Ns + name) is null)
            {
                Add(violations, pointer, "required", $"{element.Name.LocalName} needs a '{name}' element.");
            }
        }
    }

    private static bool Conforms(string value, string kind) => kind switch
    {
        "string" => true,
        "float" => value is "INF" or "-INF" or "NaN" || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        "boolean" => value is "true" or "false" or "1" or "0",
        "date" => value.Length >= 10 && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && (value.Length == 10 || value[10..] is "Z" || (value.Length == 16 && value[10] is '+' or '-')),
        "base64" => Convert.TryFromBase64String(value, new byte[value.Length], out _),
        _ => Enumerations[kind].Contains(value, StringComparer.Ordinal),
    };

    private static void Add(List<Violation> violations, string pointer, string rule, string message)
    {
        if (violations.Count < MaxViolations)
        {
            violations.Add(new Violation(pointer, rule, message));
        }
    }
}
