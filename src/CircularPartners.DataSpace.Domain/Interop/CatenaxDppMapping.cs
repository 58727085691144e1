using System.Text.Json;
using System.Text.RegularExpressions;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// A Catena-X generic Digital Product Passport 7.0.0 as a cmp/2.0 body: the product is the article
/// and its one part, holding the declared materials with their substances (CAS or EC number by
/// check digit, concentrations converted to % at product level, hazard classes, recycled share).
/// The operator comes by BPNL with its name; what core/2.0 would refuse is dropped with why.
/// </summary>
internal sealed partial class CatenaxDppMapping : CatenaxMapping
{
    private const string Article = "/cmp/article";
    private const string Part = "/cmp/article/parts/0";
    private const string Operator = "metadata/economicOperator/";
    private const string Materials = "composition/materialInformation/materials[]/";

    private readonly string? _status;
    private readonly CatenaxImporterParty _importer;

    private CatenaxDppMapping(JsonElement root, List<string> notes) : base(root, notes)
    {
        _status = At("/sustainability/productStatus")?.Text;
        _importer = new CatenaxImporterParty(this);
    }

    public static BodyWriter Map(JsonElement root, List<string> notes) => new CatenaxDppMapping(root, notes).Run();

    protected override string Unmapped(SourceLeaf leaf) => $"cmp/2.0 has no field for Catena-X DPP '{leaf.Path}'";

    protected override bool Handle(SourceLeaf leaf)
    {
        var path = leaf.Path;
        if (path.StartsWith(Operator, StringComparison.Ordinal))
        {
            return EconomicOperator(leaf, path[Operator.Length..]);
        }
        if (path == "metadata/specVersion")
        {
            // The declaration follows the Catena-X model the source names.
            return Text(leaf, Article + "/declarationStandard");
        }
        if (path.StartsWith("metadata/", StringComparison.Ordinal))
        {
            return Metadata(leaf, path["metadata/".Length..], _status);
        }
        if (path.StartsWith(Materials, StringComparison.Ordinal))
        {
            return CatenaxDppSubstances.Handle(this, leaf, $"{Part}/materials/{leaf.Row(0)}", path[Materials.Length..]);
        }
        if (path.StartsWith("sustainability/productFootprint/", StringComparison.Ordinal))
        {
            return CatenaxFootprints.Handle(this, leaf, path["sustainability/productFootprint/".Length..]);
        }
        if (path.StartsWith("operation/import/", StringComparison.Ordinal))
        {
            return _importer.Handle(leaf, path["operation/import/".Length..]);
        }
        if (path.StartsWith("sources[]/", StringComparison.Ordinal))
        {
            return ProductDocument(leaf, path["sources[]/".Length..], "other");
        }
        if (path.StartsWith("compliances[]/complianceDocuments[]/", StringComparison.Ordinal))
        {
            return ProductDocument(leaf, path["compliances[]/complianceDocuments[]/".Length..], "other");
        }
        if (path.StartsWith("composition/componentInformation/", StringComparison.Ordinal))
        {
            return Drop(leaf, "cmp/2.0 parts need their homogeneous materials; the source lists components without materials, so the product is one part holding the materials");
        }
        switch (path)
        {
            case "identification/partTypeInformation/manufacturerPartId":
                Text(leaf, "/product/model");
                Text(leaf, Article + "/articleId");
                return Text(leaf, Part + "/partId");
            case "identification/partTypeInformation/nameAtManufacturer":
                Text(leaf, "/product/name");
                Text(leaf, Article + "/name");
                return Text(leaf, Part + "/name");
            case "identification/serialInformation[]/value":
                return Text(leaf, "/product/serialNumber");
            case "identification/batchInformation[]/value":
                return Text(leaf, "/product/batchNumber");
            case "identification/serialInformation[]/key" or "identification/batchInformation[]/key":
                return Drop(leaf, "names the kind of the identifier beside it (the value is mapped)");
            case "identification/codes[]/value":
                return CommodityCode(leaf);
            case "identification/codes[]/key":
                return Defer(leaf, "the kind of a code that was not mapped");
            case "identification/codes[]/description":
                return Drop(leaf, "the code's description: /product/commodityCode keeps the code");
            case "identification/dataCarriers[]/carrierType":
                return DataCarrier(leaf);
            case "identification/dataCarriers[]/carrierPositions[]":
                return Drop(leaf, "core/2.0 keeps the data carrier's type, not where it sits on the product");
            case "identification/partClassification[]/id":
                return Category(leaf);
            case "identification/partClassification[]/standard":
                return Defer(leaf, "the classification standard of a class that was not mapped");
            case "operation/manufacturing/manufacturingDate":
                return Checked(leaf, "/product/manufacturedOn", ImportValues.IsDate, "is not a date");
            case "operation/manufacturing/facilities[]/facilityIdentification":
                return Facility(leaf);
            case "characteristics/physicalDimension/weight/value":
                Number(leaf, Article + "/massKg", convert: v => ImportValues.Kilograms(v, Sibling(leaf, "unit")?.Text));
                return Number(leaf, Part + "/massKg", convert: v => ImportValues.Kilograms(v, Sibling(leaf, "unit")?.Text));
            case "characteristics/physicalDimension/weight/unit":
                return Drop(leaf, "the weight's unit: the value is converted to kg");
            case "sustainability/productStatus":
                return Drop(leaf, "cmp/2.0 has no product status (it decides whether the predecessor is a previous life)");
        }
        return path.Contains("Address/", StringComparison.Ordinal) || path.Contains("Contact/", StringComparison.Ordinal)
            ? Drop(leaf, "cmp/2.0 keeps the economic operator's address and contact only; this one is another party's")
            : false;
    }

    protected override void Complete()
    {
        JoinStreet("/metadata/economicOperator/economicOperatorAddress/", "/economicOperator/address/streetAddress");
        if (_importer.Refusal is null)
        {
            JoinStreet("/operation/import/content/importerAddress/", "/importer/address/streetAddress");
        }
        Writer.RemoveRows(Part + "/materials", row => row?["materialName"] is null, "cmp/2.0 needs each material's name; the source gives none for this one");
        Writer.RemoveRows(CatenaxFootprints.Rows, row => row?["indicator"] is null || row?["value"] is null, "core/2.0 needs each footprint figure's indicator and value; the source gives no usable one for this row");
    }

    private bool EconomicOperator(SourceLeaf leaf, string field)
    {
        switch (field)
        {
            case "economicOperatorIdentification":
                return OperatorBpnl(leaf);
            case "economicOperatorNames[]":
                return leaf.Row(0) == 0 ? Text(leaf, "/economicOperator/name") : Drop(leaf, "core/2.0 keeps one legal name; this is a further one");
            case "economicOperatorContact/email":
                return Checked(leaf, "/economicOperator/contactEmail", ImportValues.IsEmail, "is not an e-mail address");
            case var address when address.StartsWith("economicOperatorAddress/", StringComparison.Ordinal):
                return AddressPart(leaf, address["economicOperatorAddress/".Length..], "/economicOperator");
            default:
                return Drop(leaf, "core/2.0 keeps the operator's e-mail, not its phone, fax or website");
        }
    }

    /// <summary>The first classification (standard and class id) as our category path, e.g. <c>gin-20510-21513/1004712</c>.</summary>
    private bool Category(SourceLeaf leaf)
    {
        var standard = Sibling(leaf, "standard");
        var category = $"{Slug(standard?.Text)}/{Slug(leaf.Text)}";
        if (leaf.Row(0) > 0 || standard is null || !CategoryRule().IsMatch(category))
        {
            return Drop(leaf, leaf.Row(0) > 0 ? "core/2.0 keeps one category; the first classification is it" : $"'{category}' cannot be a category path");
        }
        Writer.MapCombined([standard.Pointer, leaf.Pointer], "/product/category", category);
        return true;
    }

    /// <summary>A Catena-X site (BPNA) as the manufacturing facility; core/2.0 has no BPNA scheme, so it is an <c>other</c> identifier naming Catena-X.</summary>
    private bool Facility(SourceLeaf leaf)
    {
        if (leaf.Row(0) > 0 || string.IsNullOrWhiteSpace(leaf.Text))
        {
            return Drop(leaf, "core/2.0 keeps one manufacturing facility; the first is it");
        }
        Writer.Map(leaf.Pointer, "/manufacturingFacility/identifier/scheme", "other");
        Writer.Map(leaf.Pointer, "/manufacturingFacility/identifier/id", leaf.Text);
        Writer.Map(leaf.Pointer, "/manufacturingFacility/identifier/issuer", "Catena-X business partner number (BPNA)");
        return true;
    }

    private static string Slug(string? text) => SlugRule().Replace((text ?? "").ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugRule();

    [GeneratedRegex("^[a-z0-9-]+(/[a-z0-9-]+)*$")]
    private static partial Regex CategoryRule();
}
