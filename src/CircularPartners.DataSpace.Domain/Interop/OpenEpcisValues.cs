using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CircularPartners.DataSpace.Domain.Identifiers;
using static CircularPartners.DataSpace.Domain.Interop.OpenEpcisRules;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// How one openEPCIS value is read as the passport value its rule names (<see cref="Kind"/>): text,
/// numbers (decimal, so 0.55 is 55 % exactly), GTINs and CAS numbers with their check digits,
/// vocabulary terms as the passport's kebab-case values. A value that does not read is dropped
/// with what it is not.
/// </summary>
internal static partial class OpenEpcisValues
{
    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["eutex:Apparel"] = "textiles/apparel", ["eutex:Footwear"] = "textiles/footwear", ["eutex:HomeTextiles"] = "textiles/home-textiles", ["oec:Textiles"] = "textiles",
    };

    private static readonly string[] Roles = ["manufacturer", "importer", "distributor", "authorised-representative", "brand-owner", "fulfilment-service-provider"];

    public static void Map(BodyWriter writer, OpenEpcisValue value, string target, Kind kind)
    {
        var v = value.Value;
        var text = v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null;
        var term = text?[(text.LastIndexOf(':') + 1)..];
        decimal? number = text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
        var (node, problem) = kind switch
        {
            Kind.Text => (text is { Length: > 0 } ? JsonValue.Create(text) : null, "not a text"),
            Kind.Number => (number is { } d ? JsonValue.Create((double)d) : null, "not a number"),
            Kind.Fraction => (number is { } f and >= 0 and <= 1 ? JsonValue.Create((double)(f * 100)) : null, "not a fraction between 0 and 1"),
            Kind.Bool => (v.ValueKind is JsonValueKind.True or JsonValueKind.False ? JsonValue.Create(v.GetBoolean()) : null, "not true or false"),
            Kind.Country => (text is { Length: 2 } && text.All(char.IsAsciiLetter) ? JsonValue.Create(text.ToUpperInvariant()) : null, "not an ISO 3166 two-letter country code"),
            Kind.Gtin => (text is not null && CheckDigits.IsGs1Key(text, 8, 12, 13, 14) ? JsonValue.Create(text.PadLeft(14, '0')) : null, "not a GTIN (GS1 check digit verified)"),
            Kind.Instant => (text is { Length: 10 } && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? JsonValue.Create(text + "T00:00:00Z") : text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? JsonValue.Create(text) : null,
                "not a date or a date-time"),
            Kind.Symbol => (term is { Length: > 0 } ? JsonValue.Create(Kebab(term)) : null, "not a care symbol term"),
            Kind.Term => (term is { Length: > 0 } ? JsonValue.Create(term) : null, "not a term"),
            Kind.Role => (term is not null && Roles.Contains(Kebab(term)) ? JsonValue.Create(Kebab(term)) : null, $"'{term}' is not one of core/2.0's operator roles ({string.Join(", ", Roles)})"),
            Kind.Category => (text is not null && Categories.TryGetValue(text, out var category) ? JsonValue.Create(category) : null,
                $"category '{text}' has no counterpart in the data space's categories: supply /product/category"),
            Kind.Cas => (text is not null && Iec62474Values.SubstanceIdProblem("cas", text) is null ? JsonValue.Create(text) : null,
                text is null ? "not a CAS number" : Iec62474Values.SubstanceIdProblem("cas", text) ?? ""),
            _ => (null, "unknown kind"),
        };
        if (node is null)
        {
            writer.Drop(value.Pointer, problem);
            return;
        }
        writer.Map(value.Pointer, target, node);
    }

    /// <summary><c>DoNotBleach</c> → <c>do-not-bleach</c>, <c>Wash30</c> → <c>wash-30</c>.</summary>
    private static string Kebab(string term) => KebabRule().Replace(term, "-").ToLowerInvariant();

    [GeneratedRegex(@"(?<=[a-z])(?=[A-Z0-9])|(?<=[0-9])(?=[A-Za-z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex KebabRule();

}
