using System.Xml.Linq;
using CircularPartners.DataSpace.Domain.Identifiers;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The declaration's header and product identity as core/2.0 and cmp/2.0 fields: the declaring
/// company (<c>SupplyCompany</c>) is the economic operator, the response date the declaration date,
/// the product's GTIN its passport id (as a GS1 Digital Link), its part number the article id.
/// </summary>
internal static class Iec62474Header
{
    private const string DigitalLinkPrefix = "https://id.gs1.org/01/";

    public static void Map(Iec62474Mapping m, XElement product)
    {
        var main = m.Document.Root;
        var version = main.Attribute("schemaDatabaseVersion");
        m.Map(version, "/cmp/article/declarationStandard", $"IEC 62474 {version?.Value.Trim()}".Trim());
        var response = Iec62474Mapping.Child(Iec62474Mapping.Child(main, "BusinessInfo"), "Response");
        if (response?.Attribute("date") is { } date)
        {
            // IEC 62474 dates the response by day; the passport wants an instant, so the start of that day (UTC) stands for it.
            var instant = date.Value.Trim()[..10] + "T00:00:00Z";
            m.Map(date, "/issuedAt", instant);
            m.Map(date, "/cmp/declaredAt", instant);
        }
        Operator(m, response, main.Attribute("charaLocal")?.Value);
        Product(m, product);
    }

    private static void Operator(Iec62474Mapping m, XElement? response, string? local)
    {
        var company = Iec62474Mapping.Child(response, "SupplyCompany");
        m.Map(company?.Attribute("name"), "/economicOperator/name");
        if (company?.Attribute("nameLocal") is { } nameLocal)
        {
            if (local?.Trim().ToUpperInvariant() is "JPN" or "JA" or "JP" or "JA-JP")
            {
                m.Map(nameLocal, "/economicOperator/nameJa");
            }
            else
            {
                m.Drop(nameLocal, $"the name in the local script '{local}': core/2.0 keeps English and Japanese names only");
            }
        }
        if (Iec62474Mapping.Child(company, "UniqueID") is { } unique)
        {
            var authority = unique.Attribute("authority")!;
            var identity = unique.Attribute("identity")!;
            var scheme = Iec62474Values.Scheme(authority.Value);
            var id = identity.Value.Trim();
            if (ImportValues.IdentifierProblem(scheme, id) is { } problem)
            {
                m.Drop(identity, $"{problem}; supply /economicOperator/identifier");
                m.Drop(authority, "the authority of an identifier that was not mapped");
            }
            else
            {
                m.Map(authority, "/economicOperator/identifier/scheme", scheme);
                m.Map(identity, "/economicOperator/identifier/id", id);
                if (scheme == "other")
                {
                    m.Map(authority, "/economicOperator/identifier/issuer", authority.Value.Trim());
                }
            }
        }
        // The company's postal address is where its declaring staff sit: the contact's, else the authorizer's.
        foreach (var person in new[] { Iec62474Mapping.Child(response, "Contact"), Iec62474Mapping.Child(response, "Authorizer") })
        {
            if (person?.Attribute("country") is { } country && country.Value.Trim().ToUpperInvariant() is { Length: 2 } code && code.All(char.IsAsciiLetterUpper))
            {
                m.Map(country, "/economicOperator/country", code);
            }
            m.Map(person?.Attribute("street"), "/economicOperator/address/streetAddress");
            m.Map(person?.Attribute("city"), "/economicOperator/address/locality");
            m.Map(person?.Attribute("stateProvince"), "/economicOperator/address/region");
            m.Map(person?.Attribute("postalCode"), "/economicOperator/address/postalCode");
        }
    }

    private static void Product(Iec62474Mapping m, XElement product)
    {
        var ids = Iec62474Mapping.Children(product, "ProductID").ToList();
        var id = ids[0];
        foreach (var other in ids.Skip(1))
        {
            m.DropAll(other, "a further ProductID of the product: the first one identifies the passport's article");
        }
        m.Map(id.Attribute("name"), "/product/name");
        m.Map(id.Attribute("name"), "/cmp/article/name");
        m.Map(id.Attribute("identifier"), "/cmp/article/articleId");
        m.MapMassKg(Iec62474Mapping.Child(id, "Mass"), "/cmp/article/massKg");
        foreach (var name in Iec62474Mapping.Children(id, "OtherNames").Where(n => n.Attribute("type")?.Value == "model"))
        {
            m.Map(name.Attribute("name"), "/product/model");
            m.Drop(name.Attribute("type"), "the kind of the other name (model): read as /product/model");
        }
        foreach (var identifier in Iec62474Mapping.Children(id, "Identifier"))
        {
            Gtin(m, identifier);
        }
        var recycled = Iec62474Mapping.Child(Iec62474Mapping.Child(Iec62474Mapping.Child(Iec62474Mapping.Child(product, "ProductCircularity"), "AverageRecycledContent"), "TotalRecycledContent"), "MassPercent");
        m.MapNumber(recycled?.Attribute("massPercent"), "/recycledContentPercent");
    }

    /// <summary>A GS1 GTIN identifier becomes the product's GTIN-14 and, as its GS1 Digital Link, the passport id.</summary>
    private static void Gtin(Iec62474Mapping m, XElement identifier)
    {
        var list = Iec62474Mapping.Child(identifier, "ListID");
        var entry = Iec62474Mapping.Child(identifier, "EntryID")!.Attribute("entryIdentity")!;
        if (!string.Equals(list?.Attribute("identity")?.Value.Trim(), "GTIN", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var value = entry.Value.Trim();
        if (!CheckDigits.IsGs1Key(value, 8, 12, 13, 14))
        {
            m.Drop(entry, $"'{value}' is not a GTIN (8, 12, 13 or 14 digits, GS1 check digit verified); supply /passportId and /product/gtin");
            return;
        }
        var gtin = value.PadLeft(14, '0');
        m.Map(entry, "/product/gtin", gtin);
        m.Map(entry, "/passportId", DigitalLinkPrefix + gtin);
        m.Map(entry, "/product/digitalLink", DigitalLinkPrefix + gtin);
        m.MapAlso(list!.Attribute("identity"), "/product/gtin");
        m.Drop(list.Attribute("authority"), "names the list of the identifier (GS1), read as a GTIN");
        m.Drop(list.Attribute("version"), "version of the identifier list: not needed to read a GTIN");
    }
}
