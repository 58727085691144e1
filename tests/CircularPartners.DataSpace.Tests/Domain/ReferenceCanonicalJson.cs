using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Tests.Domain;

/// <summary>
/// The first canonicaliser, kept as the oracle for <see cref="CanonicalJson"/>: both must give the
/// same bytes, since a content hash names every stored version. Parses a body defensively and writes it canonically: object keys sorted by UTF-16 code unit
/// (as RFC 8785), no insignificant whitespace, numbers as written. Equal documents get equal
/// hashes whatever their formatting. Duplicate keys and excessive nesting are rejected with
/// the JSON Pointer where they occur.
/// </summary>
internal static class ReferenceCanonicalJson
{
    // The parser is iterative and the body size is bounded, so any depth is safe to parse; the
    // configured limit is enforced by the (recursive) walk below, with a precise pointer.
    private const int ParserDepthLimit = int.MaxValue;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static CanonicalDocument Canonicalize(string text, int maxDepth)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = ParserDepthLimit });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : "";
            var message = $"The body is not valid JSON{where}.";
            throw new CircularPartners.DataSpace.Domain.Errors.PassportValidationException(message, [new Violation("", "invalid_json", message)]);
        }

        var violations = new List<Violation>();
        var buffer = new ArrayBufferWriter<byte>(text.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, document.RootElement, "", 0, maxDepth, violations);
        }
        if (violations.Count > 0)
        {
            document.Dispose();
            throw new CircularPartners.DataSpace.Domain.Errors.PassportValidationException(
                $"The body has {violations.Count} structural problem(s).", violations);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
        return new CanonicalDocument(Encoding.UTF8.GetString(buffer.WrittenSpan), hash, document);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, string pointer, int depth, int maxDepth, List<Violation> violations)
    {
        if (depth >= maxDepth && element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            violations.Add(new Violation(pointer, "too_deep", $"Nesting deeper than {maxDepth} levels is not accepted."));
            return;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var properties = element.EnumerateObject().ToArray();
                Array.Sort(properties, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                for (var i = 0; i < properties.Length; i++)
                {
                    var childPointer = pointer + "/" + JsonPointer.Escape(properties[i].Name);
                    if (i > 0 && properties[i].Name == properties[i - 1].Name)
                    {
                        violations.Add(new Violation(childPointer, "duplicate_key", $"Key '{properties[i].Name}' appears more than once."));
                        continue;
                    }
                    writer.WritePropertyName(properties[i].Name);
                    Write(writer, properties[i].Value, childPointer, depth + 1, maxDepth, violations);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, pointer + "/" + index++, depth + 1, maxDepth, violations);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
        }
    }
}
