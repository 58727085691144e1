using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Domain.DigitalLink;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Connector.DigitalLink;

/// <summary>
/// The links a Digital Link resolves to, by link relation type: the passport page for people
/// (GS1 <c>pip</c>), the passport itself (its id), its public view as JSON, its ESPR registry
/// record (owner or operator only) and the connector that holds it, which is its owner's.
/// </summary>
internal sealed record ProductLinks(string Anchor, IReadOnlyList<ProductLink> Links)
{
    public const string Gs1Vocabulary = "https://gs1.org/voc/";
    public const string OwnVocabulary = "https://schemas.circularpartners.jp/voc/";
    public const string ProductPage = Gs1Vocabulary + "pip";
    public const string Passport = OwnVocabulary + "dpp";
    public const string PublicView = OwnVocabulary + "publicView";
    public const string RegistryRecord = OwnVocabulary + "esprRegistryRecord";
    public const string Connector = OwnVocabulary + "connector";

    public static ProductLinks For(string baseUrl, DigitalLinkPath path, PassportRecord passport, string title)
    {
        var anchor = baseUrl + path.ToPath();
        return new ProductLinks(anchor,
        [
            new(ProductPage, anchor, "text/html", title),
            new(Passport, passport.PassportId, null, "Digital product passport " + passport.PassportId),
            new(PublicView, baseUrl + "/v1/public/passports/" + passport.PassportId, "application/json", "Public view (JSON)"),
            new(RegistryRecord, baseUrl + "/v1/registry-records/" + passport.PassportId, "application/json",
                "ESPR registry record (owner or operator credential)"),
            new(Connector, baseUrl + "/", null, "Connector of participant " + passport.Owner),
        ]);
    }

    /// <summary>The link of a type given as a URI or as <c>gs1:</c> / <c>cpds:</c> compact URI; null if none.</summary>
    public ProductLink? Find(string linkType)
    {
        var type = linkType.StartsWith("gs1:", StringComparison.Ordinal) ? Gs1Vocabulary + linkType[4..]
            : linkType.StartsWith("cpds:", StringComparison.Ordinal) ? OwnVocabulary + linkType[5..]
            : linkType;
        return Links.FirstOrDefault(l => string.Equals(l.Relation, type, StringComparison.Ordinal));
    }

    /// <summary>The RFC 9264 JSON linkset: one context object, each relation type a member holding its target objects.</summary>
    public JsonObject ToLinkset()
    {
        var context = new JsonObject { ["anchor"] = Anchor };
        foreach (var link in Links)
        {
            var target = new JsonObject { ["href"] = link.Href };
            if (link.MediaType is not null)
            {
                target["type"] = link.MediaType;
            }
            target["title"] = link.Title;
            context[link.Relation] = new JsonArray(target);
        }
        return new JsonObject { ["linkset"] = new JsonArray(context) };
    }
}

internal sealed record ProductLink(string Relation, string Href, string? MediaType, string Title);
