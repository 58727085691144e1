using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The UNTP digital product passport terms the exporter writes and the importer reads (DPP 0.6.0:
/// a <c>ProductPassport</c> subject with its <c>product</c>), and this project's one extension term,
/// <c>cpdsPassport</c>, defined in its own JSON-LD context as a JSON literal (<c>@type: @json</c>),
/// which UNTP's extension methodology permits: it carries the passport fields the UNTP vocabulary
/// has no term for, so an export re-imports to the same body.
/// </summary>
internal static partial class UntpVocabulary
{
    public const string VcContext = "https://www.w3.org/ns/credentials/v2";
    public const string DppContext = "https://test.uncefact.org/vocabulary/untp/dpp/0.6.0/";
    public const string DppContextPrefix = "https://test.uncefact.org/vocabulary/untp/dpp/";

    /// <summary>Our extension context (<c>schemas/untp/context-1.0.jsonld</c> in the repository).</summary>
    public const string ExtensionContext = "https://schemas.circularpartners.jp/dpp/untp/context-1.0.jsonld";

    /// <summary>The extension term on <c>credentialSubject</c>: <c>{schema, body}</c>, the fields UNTP has no term for, as a partial passport body.</summary>
    public const string Extension = "cpdsPassport";

    public const string CategoryScheme = "https://schemas.circularpartners.jp/dpp/category/";
    public const string CasScheme = "https://commonchemistry.cas.org/";
    public const string GtinScheme = "https://id.gs1.org/01/";
    public const string GlnScheme = "https://id.gs1.org/417/";
    public const string SchemePrefix = "urn:cpds:scheme:";

    /// <summary>The Annex XIII metals whose recycled share the battery section states.</summary>
    public static readonly string[] RecycledMetals = ["cobalt", "lithium", "nickel", "lead"];

    public static JsonArray Types(params string[] types) => [.. types.Select(t => (JsonNode?)JsonValue.Create(t))];

    /// <summary>A percentage as the 0..1 fraction UNTP uses, rounded so that <see cref="Percent"/> gives the percentage back.</summary>
    public static double Fraction(double percent) => Math.Round(percent / 100, 12);

    public static double Percent(double fraction) => Math.Round(fraction * 100, 10);


    [GeneratedRegex(@"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)*/01/([0-9]{14})(/22/[A-Za-z0-9!'()*+,.:;=_%-]{1,80})?(/10/[A-Za-z0-9!'()*+,.:;=_%-]{1,80})?(/21/[A-Za-z0-9!'()*+,.:;=_%-]{1,80})?(\?[^#\s]*)?$")]
    public static partial Regex DigitalLink();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$")]
    public static partial Regex DateTime();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    public static partial Regex Date();
}
