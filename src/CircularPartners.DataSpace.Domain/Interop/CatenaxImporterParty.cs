namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// A Catena-X DPP's <c>operation/import</c> as core/2.0's <c>/importer</c>, which names the importer
/// when it is another party than the economic operator and needs its identifier (the EORI number
/// where it has one, else its BPNL), name and country. An importer that is the operator itself, or
/// lacks one of those, is dropped as a whole with the reason, so a partial party never refuses the import.
/// </summary>
internal sealed class CatenaxImporterParty
{
    private const string Content = "/operation/import/content/";
    private readonly CatenaxMapping _map;

    public CatenaxImporterParty(CatenaxMapping map)
    {
        _map = map;
        Refusal = Decide();
    }

    /// <summary>Why the importer is not kept; null when it is.</summary>
    public string? Refusal { get; }

    public bool Handle(SourceLeaf leaf, string field)
    {
        if (Refusal is not null)
        {
            return _map.Drop(leaf, Refusal);
        }
        if (!field.StartsWith("content/", StringComparison.Ordinal))
        {
            return _map.Drop(leaf, "says whether the section applies; its content is reported field by field");
        }
        field = field["content/".Length..];
        switch (field)
        {
            case "importerNames[]":
                return leaf.Row(0) == 0 ? _map.Text(leaf, "/importer/name") : _map.Drop(leaf, "core/2.0 keeps one name of the importer; this is a further one");
            case "eori":
                _map.Writer.Map(leaf.Pointer, "/importer/identifier/scheme", "eori");
                return _map.Text(leaf, "/importer/identifier/id");
            case "importerIdentification" when IsEori(_map.At(Content + "eori")?.Text):
                return _map.Drop(leaf, "the importer's BPNL: core/2.0 names the importer by its EORI number where it has one");
            case "importerIdentification":
                _map.Writer.Map(leaf.Pointer, "/importer/identifier/scheme", "bpnl");
                return _map.Text(leaf, "/importer/identifier/id");
            case "importerContact/email":
                return _map.Checked(leaf, "/importer/contactEmail", ImportValues.IsEmail, "is not an e-mail address");
            case var address when address.StartsWith("importerAddress/", StringComparison.Ordinal):
                return _map.AddressPart(leaf, address["importerAddress/".Length..], "/importer");
            default:
                return _map.Drop(leaf, "core/2.0 keeps the importer's e-mail, not its phone, fax or website");
        }
    }

    private string? Decide()
    {
        var bpnl = _map.At(Content + "importerIdentification")?.Text;
        if (bpnl is not null && bpnl == _map.At("/metadata/economicOperator/economicOperatorIdentification")?.Text)
        {
            return "the importer is the economic operator itself (the same BPNL); core/2.0 names an importer only when it is another party";
        }
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(_map.At(Content + "importerNames/0")?.Text))
        {
            missing.Add("a name");
        }
        if (!ImportValues.IsCountry(_map.At(Content + "importerAddress/country/shortName")?.Text?.Split('-')[0]))
        {
            missing.Add("an assigned ISO 3166-1 country");
        }
        if (!IsEori(_map.At(Content + "eori")?.Text) && !ImportValues.IsBpnl(bpnl))
        {
            missing.Add("an EORI number or BPNL");
        }
        return missing.Count == 0 ? null : $"core/2.0's importer needs an identifier, a name and a country; the source's importer lacks {string.Join(", ", missing)}";
    }

    private static bool IsEori(string? value) => ImportValues.IsEori(value);
}
