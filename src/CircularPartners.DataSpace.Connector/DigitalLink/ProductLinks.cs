using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Domain.DigitalLink;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Connector.DigitalLink;

/// <summary>
/// The links a Digital Link resolves to, by link relation type: the passport page for people
/// (GS1 <c>pip</c>), the passport itself (its id), its public view as JSON, its ESPR registry
/// record (owner or operator only), the connector that holds it (its owner's), the passport of
/// the product's previous life, and the product's public documents under the GS1 link type that
/// fits each (instructions, safety information, certification).
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
    public const string PreviousLife = OwnVocabulary + "previousLife";

    /// <summary>The link type of each core/2.0 document type: GS1's where it has one.</summary>
    private static readonly Dictionary<string, string> DocumentRelations = new(StringComparer.Ordinal)
    {
        ["user-manual"] = Gs1Vocabulary + "instructions",
        ["instructions"] = Gs1Vocabulary + "instructions",
        ["warnings"] = Gs1Vocabulary + "safetyInfo",
        ["safety-information"] = Gs1Vocabulary + "safetyInfo",
        ["declaration-of-conformity"] = Gs1Vocabulary + "certificationInfo",
        ["certificate"] = Gs1Vocabulary + "certificationInfo",
        ["technical-documentation"] = OwnVocabulary + "technicalDocumentation",
        ["other"] = OwnVocabulary + "document",
    };

    /// <param name="passport">The passport as the public may read it: every link comes from a public field.</param>
    public static ProductLinks For(string baseUrl, DigitalLinkPath path, PassportRecord passport, string title)
    {
        var anchor = baseUrl + path.ToPath();
        var links = new List<ProductLink>
        {
            new(ProductPage, anchor, "text/html", title),
            new(Passport, passport.PassportId, null, "Digital product passport " + passport.PassportId),
            new(PublicView, PublicViewOf(baseUrl, passport.PassportId), "application/json", "Public view (JSON)"),
            new(RegistryRecord, baseUrl + "/v1/registry-records/" + passport.PassportId, "application/json",
                "ESPR registry record (owner or operator credential)"),
            new(Connector, baseUrl + "/", null, "Connector of participant " + passport.Owner),
        };
        using var document = JsonDocument.Parse(passport.Json);
        var body = document.RootElement;
        if (body.TryGetProperty("previousLifePassportId", out var previous) && previous.GetString() is { Length: > 0 } previousId)
        {
            // A Digital Link id resolves wherever that passport lives; a UUID one only on a connector, this one presumed.
            var href = previousId.StartsWith("https://", StringComparison.Ordinal) ? previousId : PublicViewOf(baseUrl, previousId);
            links.Add(new(PreviousLife, href, null, "Passport of the product's previous life " + previousId));
        }
        if (body.TryGetProperty("documents", out var documents) && documents.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in documents.EnumerateArray())
            {
                var type = item.TryGetProperty("type", out var t) ? t.GetString() ?? "other" : "other";
                var url = item.TryGetProperty("url", out var u) ? u.GetString() : null;
                if (url is null)
                {
                    continue;
                }
                var language = item.TryGetProperty("language", out var l) ? l.GetString() : null;
                var documentTitle = item.TryGetProperty("title", out var n) ? n.GetString() ?? type : type;
                links.Add(new(DocumentRelations.GetValueOrDefault(type, OwnVocabulary + "document"), url, null, documentTitle, language));
            }
        }
        return new ProductLinks(anchor, links);
    }

    private static string PublicViewOf(string baseUrl, string passportId) => baseUrl + "/v1/public/passports/" + passportId;

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
            if (link.Language is not null)
            {
                target["hreflang"] = new JsonArray(link.Language);
            }
            // A relation with several targets (e.g. manuals in two languages) holds them all.
            if (context[link.Relation] is JsonArray targets)
            {
                targets.Add(target);
            }
            else
            {
                context[link.Relation] = new JsonArray(target);
            }
        }
        return new JsonObject { ["linkset"] = new JsonArray(context) };
    }
}

internal sealed record ProductLink(string Relation, string Href, string? MediaType, string Title, string? Language = null);
