using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>The canonical text of a JSON document and the SHA-256 that names its content.</summary>
public sealed record CanonicalDocument(string Json, string ContentHash, JsonDocument Document) : IDisposable
{
    public void Dispose() => Document.Dispose();
}

/// <summary>
/// Parses a body defensively and writes it canonically: object keys sorted by UTF-16 code unit
/// (as RFC 8785), no insignificant whitespace, numbers as written. Equal documents get equal
/// hashes whatever their formatting. Duplicate keys and excessive nesting are rejected with
/// the JSON Pointer where they occur.
/// </summary>
public static class CanonicalJson
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
            throw new Errors.PassportValidationException(message, [new Violation("", "invalid_json", message)]);
        }

        var violations = new List<Violation>();
        var buffer = new ArrayBufferWriter<byte>(text.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            new Walk(writer, maxDepth, violations).Write(document.RootElement, 0);
        }
        if (violations.Count > 0)
        {
            document.Dispose();
            throw new Errors.PassportValidationException(
                $"The body has {violations.Count} structural problem(s).", violations);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
        return new CanonicalDocument(Encoding.UTF8.GetString(buffer.WrittenSpan), hash, document);
    }

    /// <summary>
    /// One canonical write. Pointers are built only for a violation: the path is kept as a stack
    /// of segments, and each object's names are read once (not once per comparison of the sort).
    /// </summary>
    private sealed class Walk(Utf8JsonWriter writer, int maxDepth, List<Violation> violations)
    {
        private readonly List<string> _path = [];

        public void Write(JsonElement element, int depth)
        {
            // depth counts from 0 at the root, so the container at depth d is nesting level d + 1.
            if (depth >= maxDepth && element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                violations.Add(new Violation(Pointer(), "too_deep", $"Nesting deeper than {maxDepth} levels is not accepted."));
                return;
            }
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    WriteObject(element, depth);
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        _path.Add(index++.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        Write(item, depth + 1);
                        _path.RemoveAt(_path.Count - 1);
                    }
                    writer.WriteEndArray();
                    break;
                case JsonValueKind.String:
                    if (TextOf(() => element.GetString()!) is not { } value || HasLoneSurrogate(value))
                    {
                        violations.Add(LoneSurrogate(Pointer()));
                        writer.WriteNullValue();
                    }
                    else
                    {
                        writer.WriteStringValue(value);
                    }
                    break;
                case JsonValueKind.Number when !IsInteroperable(element):
                    violations.Add(new Violation(Pointer(), "number_out_of_range",
                        "A number must fit an IEEE 754 double, and an integer without fraction or exponent must lie within ±2^53 (I-JSON, RFC 7493)."));
                    writer.WriteNullValue();
                    break;
                default:
                    // Numbers, booleans and null exactly as written.
                    writer.WriteRawValue(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
                    break;
            }
        }

        private void WriteObject(JsonElement element, int depth)
        {
            writer.WriteStartObject();
            var count = element.GetPropertyCount();
            var names = ArrayPool<string>.Shared.Rent(count);
            var values = ArrayPool<JsonElement>.Shared.Rent(count);
            try
            {
                var n = 0;
                foreach (var property in element.EnumerateObject())
                {
                    if (TextOf(() => property.Name) is not { } name)
                    {
                        violations.Add(LoneSurrogate(Pointer()));
                        continue;
                    }
                    names[n] = name;
                    values[n++] = property.Value;
                }
                // Stable like the sort it replaces is not needed: equal names are duplicates and refused.
                names.AsSpan(0, n).Sort(values.AsSpan(0, n), StringComparer.Ordinal);
                for (var i = 0; i < n; i++)
                {
                    _path.Add(names[i]);
                    if (i > 0 && names[i] == names[i - 1])
                    {
                        violations.Add(new Violation(Pointer(), "duplicate_key", $"Key '{names[i]}' appears more than once."));
                    }
                    else if (HasLoneSurrogate(names[i]))
                    {
                        violations.Add(LoneSurrogate(Pointer()));
                    }
                    else
                    {
                        writer.WritePropertyName(names[i]);
                        Write(values[i], depth + 1);
                    }
                    _path.RemoveAt(_path.Count - 1);
                }
            }
            finally
            {
                ArrayPool<string>.Shared.Return(names, clearArray: true);
                ArrayPool<JsonElement>.Shared.Return(values, clearArray: true);
            }
            writer.WriteEndObject();
        }

        private string Pointer() => string.Concat(_path.Select(segment => "/" + JsonPointer.Escape(segment)));

        /// <summary>The unescaped text, or null when its escapes spell an invalid surrogate (System.Text.Json refuses to unescape it).</summary>
        private static string? TextOf(Func<string> read)
        {
            try
            {
                return read();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        private const long MaxSafeInteger = (1L << 53) - 1;

        private static bool IsInteroperable(JsonElement number)
        {
            if (!number.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                return false;
            }
            var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(number);
            var isInteger = raw.IndexOfAny("."u8) < 0 && raw.IndexOfAny("eE"u8) < 0;
            return !isInteger || (number.TryGetInt64(out var integer) && integer is >= -MaxSafeInteger and <= MaxSafeInteger);
        }

        private static Violation LoneSurrogate(string pointer) =>
            new(pointer, "invalid_encoding", "A string or key holds a lone UTF-16 surrogate (an escape like \\ud800 without its pair); it is not text.");

        /// <summary>JSON escapes can spell half a character (<c>\ud800</c>), which no UTF-8 text can hold.</summary>
        private static bool HasLoneSurrogate(string text)
        {
            var span = text.AsSpan();
            for (var i = span.IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0 && i < span.Length; i++)
            {
                if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(span[i]))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
