using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// One data value of an openEPCIS JSON-LD document: its path (keys joined by <c>/</c>, arrays as
/// <c>[]</c>, a language-tagged value as <c>key@lang</c>, e.g. <c>gs1:textileMaterial[]/gs1:textileMaterialDescription@en</c>),
/// the rows it sits in, its JSON Pointer, and the pointer of its <c>@language</c> tag when it has one.
/// </summary>
internal sealed record OpenEpcisValue(string Path, IReadOnlyList<int> Rows, string Pointer, JsonElement Value, string? LanguagePointer);

/// <summary>
/// Reads an openEPCIS textile JSON-LD document. Its published JSON Schema describes the vocabulary's
/// terms without prefixes (<c>$defs</c> only), not the compacted document, so the document's
/// envelope is checked here: an object whose <c>@context</c> names the openEPCIS textile context,
/// whose <c>id</c> is a string and whose <c>type</c> names a textile product.
/// </summary>
internal static class OpenEpcisSource
{
    public const string TextileContext = "https://ref.openepcis.io/extensions/eu/textile/textile-context.jsonld";

    public static List<OpenEpcisValue> Read(JsonElement root, List<string> notes)
    {
        var violations = new List<Violation>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new Violation("", "type", "An openEPCIS document is a JSON-LD object."));
        }
        else
        {
            if (!root.TryGetProperty("@context", out var context) || !Strings(context).Contains(TextileContext))
            {
                violations.Add(new Violation("/@context", "context", $"The document's @context must name the openEPCIS textile context ({TextileContext})."));
            }
            if (!root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                violations.Add(new Violation("/id", "required", "The product needs an 'id' (its GS1 Digital Link)."));
            }
            if (!root.TryGetProperty("type", out var type) || !Strings(type).Any(t => t is "gs1:Clothing" or "gs1:Footwear" || t.StartsWith("eutex:Textile", StringComparison.Ordinal)))
            {
                violations.Add(new Violation("/type", "type", "The product's type must name a textile product (gs1:Clothing, gs1:Footwear or eutex:Textile…)."));
            }
        }
        if (violations.Count > 0)
        {
            throw new PassportValidationException($"The source is not an openEPCIS textile product ({violations.Count} problems).", violations);
        }
        notes.Add("The openEPCIS textile JSON Schema (textile-schema.json, 2020-12) defines the vocabulary's terms unprefixed, not the JSON-LD document, so it cannot validate it; "
            + "the envelope was checked in code (@context, id, type) and each value where it is mapped (GTIN, GLN and CAS check digits, country codes, units).");
        var values = new List<OpenEpcisValue>();
        Walk(root, "", "", [], values);
        return values;
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
        _ => [],
    };

    private static void Walk(JsonElement element, string pointer, string path, List<int> rows, List<OpenEpcisValue> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.TryGetProperty("@value", out var value):
                var language = element.TryGetProperty("@language", out var tag) && tag.ValueKind == JsonValueKind.String ? tag.GetString() : null;
                values.Add(new OpenEpcisValue(language is null ? path : $"{path}@{language}", rows, pointer + "/@value", value, language is null ? null : pointer + "/@language"));
                foreach (var other in element.EnumerateObject().Where(p => p.Name is not "@value" and not "@language"))
                {
                    Walk(other.Value, $"{pointer}/{JsonPointer.Escape(other.Name)}", $"{path}/{other.Name}", rows, values);
                }
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, $"{pointer}/{JsonPointer.Escape(property.Name)}", path.Length == 0 ? property.Name : $"{path}/{property.Name}", rows, values);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{pointer}/{i}", path + "[]", [.. rows, i++], values);
                }
                break;
            default:
                values.Add(new OpenEpcisValue(path, rows, pointer, element, null));
                break;
        }
    }

}
