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
    protected bool CarbonFootprintValue(SourceLeaf leaf, string prefix)
    {
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

    /// <summary>A TARIC, CN or HS code (the key beside it says which) as core/2.0's digits-only commodity code.</summary>
    internal bool CommodityCode(SourceLeaf leaf)
    {
        var key = Sibling(leaf, "key");
        var digits = new string((leaf.Text ?? "").Where(c => c != ' ' && c != '.').ToArray());
        if (key?.Text is not ("TARIC" or "CN" or "HS") || !ImportValues.IsCommodityCode(digits))
        {
            return Drop(leaf, $"'{leaf.Text}' ({key?.Text}) is not an HS, CN or TARIC code of 6, 8 or 10 digits, which /product/commodityCode needs");
        }
        Writer.MapCombined([leaf.Pointer, key.Pointer], "/product/commodityCode", digits);
        return true;
    }

    /// <summary>A Catena-X carrier type as core/2.0's data carrier.</summary>
    internal bool DataCarrier(SourceLeaf leaf)
    {
        var carrier = leaf.Text?.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal) switch
        {
            "QR" or "QRCODE" => "qr-code",
            "DATAMATRIX" or "GS1DATAMATRIX" => "gs1-datamatrix",
            "RFID" => "rfid",
            "NFC" => "nfc",
            _ => null,
        };
        if (carrier is null)
        {
            return Drop(leaf, $"'{leaf.Text}' is not one of /product/dataCarrier's values (qr-code, gs1-datamatrix, rfid, nfc)");
        }
        Writer.Map(leaf.Pointer, "/product/dataCarrier", carrier);
        return true;
    }

    /// <summary>
    /// A Catena-X document (<c>contentType</c>, <c>header</c>, <c>content</c>, <c>category</c>) as a row of
    /// core/2.0's public <c>/documents</c>: its type is <paramref name="type"/>, or what its category says.
    /// </summary>
    internal bool ProductDocument(SourceLeaf leaf, string field, string type)
    {
        if (field is "header" or "category")
        {
            return Defer(leaf, $"the {(field == "header" ? "title" : "category")} of a document whose link was not mapped");
        }
        if (field != "content")
        {
            return Drop(leaf, "the kind of the link (URL): /documents keeps the link itself");
        }
        if (!ImportValues.IsHttpsUrl(leaf.Text))
        {
            return Drop(leaf, $"'{leaf.Text}' is not an https link, which /documents needs");
        }
        var row = $"/documents/{RowFor("/documents", leaf.Pointer[..leaf.Pointer.LastIndexOf('/')])}";
        Writer.Map(leaf.Pointer, row + "/url", leaf.Text);
        var category = Sibling(leaf, "category");
        Writer.MapCombined([leaf.Pointer, .. category is null ? Array.Empty<string>() : [category.Pointer]], row + "/type", DocumentType(category?.Text) ?? type);
        if (Sibling(leaf, "header") is { Text: { Length: > 0 and <= 300 } title } header)
        {
            Writer.Map(header.Pointer, row + "/title", title);
        }
        return true;
    }

    /// <summary>The core/2.0 document type a Catena-X source category names, if any.</summary>
    private static string? DocumentType(string? category) => category switch
    {
        "User Manuals and Guides" => "user-manual",
        "Certifications and Compliance" => "certificate",
        "Product Specifications" => "technical-documentation",
        "Warranty Information" => "other",
        _ => null,
    };

    /// <summary>A Catena-X address's street, number, building and delivery point joined into core/2.0's one street line.</summary>
    internal void JoinStreet(string address, string target)
    {
        string[] parts = ["thoroughfare/value", "thoroughfare/number", "premise/value", "postalDeliveryPoint/value"];
        var leaves = parts.Select(p => At(address + p)).OfType<SourceLeaf>().Where(l => !string.IsNullOrWhiteSpace(l.Text)).ToList();
        if (leaves.Count == 0)
        {
            return;
        }
        var street = string.Join(" ", leaves.TakeWhile(l => l.Path.Contains("thoroughfare", StringComparison.Ordinal)).Select(l => l.Text));
        var rest = leaves.SkipWhile(l => l.Path.Contains("thoroughfare", StringComparison.Ordinal)).Select(l => l.Text);
        Writer.MapCombined([.. leaves.Select(l => l.Pointer)], target, string.Join(", ", new[] { street }.Concat(rest).Where(s => !string.IsNullOrEmpty(s))));
    }

    /// <summary>A Catena-X address part as core/2.0 keeps it (country, locality, postal code; street parts are joined later).</summary>
    internal bool AddressPart(SourceLeaf leaf, string field, string party)
    {
        switch (field)
        {
            case "country/shortName":
                // An ISO 3166-2 subdivision code starts with the ISO 3166-1 country code.
                return Checked(leaf, party + "/country", v => ImportValues.IsCountry(v?.Split('-')[0]), "does not start with an assigned ISO 3166-1 alpha-2 country code", v => v.Split('-')[0]);
            case "locality/value":
                return Text(leaf, party + "/address/locality");
            case "postCode/value":
                return Text(leaf, party + "/address/postalCode");
            case "thoroughfare/value" or "thoroughfare/number" or "premise/value" or "postalDeliveryPoint/value":
                return Defer(leaf, "part of a street address that was not mapped");
            default:
                return Drop(leaf, "the kind of the address part beside it (street, block, building...): the part itself is mapped");
        }
    }
}
