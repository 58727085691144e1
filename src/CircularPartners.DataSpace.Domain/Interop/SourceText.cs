using System.Text;
using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The text of an imported document: UTF-8 (with or without a byte-order mark) or UTF-16 with a
/// byte-order mark, as published Battery Pass payloads come in both. Bytes that are not valid in
/// the detected encoding are refused rather than replaced, so no value is altered silently. An XML
/// source may also name a legacy encoding in its declaration (see <see cref="XmlDeclaredEncoding"/>).
/// </summary>
internal static class SourceText
{
    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        var (encoding, name, skip) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => ((Encoding)new UTF8Encoding(false, true), "utf-8-bom", 3),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, false, true), "utf-16le", 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, false, true), "utf-16be", 2),
            _ when XmlDeclaredEncoding.Named(bytes) is { } named && named is not ("utf-8" or "utf8" or "utf-16" or "unicode") =>
                (XmlDeclaredEncoding.Legacy(named), named, 0),
            _ => (new UTF8Encoding(false, true), "utf-8", 0),
        };
        try
        {
            var text = encoding.GetString(bytes[skip..]);
            if (name.StartsWith("utf-", StringComparison.Ordinal))
            {
                XmlDeclaredEncoding.Check(text, name.StartsWith("utf-16", StringComparison.Ordinal) ? "utf-16" : "utf-8");
            }
            return (text, name);
        }
        catch (DecoderFallbackException)
        {
            var message = $"The source is not valid {name} (UTF-16 needs a byte-order mark).";
            throw new PassportValidationException(message, [new Violation("source", "encoding", message)]);
        }
    }

    /// <summary>The source as a JSON document; a source that is not JSON is refused naming where it stops being JSON.</summary>
    public static JsonDocument ParseJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            var message = $"The source is not JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).";
            throw new PassportValidationException(message, [new Violation("source", "json", message)]);
        }
    }
}
