using System.Text;
using System.Text.RegularExpressions;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The encoding an XML document names in its declaration (<c>&lt;?xml version="1.0" encoding="Shift_JIS"?&gt;</c>).
/// XML is the one source format that may name a legacy encoding instead of UTF-8/UTF-16, and
/// declarations from Japanese suppliers do; a declaration that contradicts the byte-order mark (or
/// UTF-16 named for bytes without one) is refused, as the XML specification makes it a fatal error.
/// </summary>
internal static partial class XmlDeclaredEncoding
{
    /// <summary>The legacy encodings accepted when named; anything else is refused by name rather than guessed.</summary>
    private static readonly string[] LegacyNames = ["shift_jis", "euc-jp", "iso-2022-jp", "iso-8859-1", "windows-1252", "us-ascii", "windows-31j"];

    /// <summary>The encoding named by the XML declaration at the start of <paramref name="bytes"/> (ASCII-compatible bytes, no byte-order mark), if any.</summary>
    public static string? Named(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 200)]);
        var match = DeclarationRule().Match(head);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    /// <summary>A decoder for the legacy encoding <paramref name="name"/> that refuses invalid bytes instead of replacing them.</summary>
    public static Encoding Legacy(string name)
    {
        if (!LegacyNames.Contains(name))
        {
            throw Refused($"The XML declaration names encoding '{name}', which this connector does not read (UTF-8, UTF-16 or one of {string.Join(", ", LegacyNames)}).");
        }
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>Refuses a declaration that names another encoding than the bytes are in (<paramref name="detected"/>: utf-8 or utf-16).</summary>
    public static void Check(string text, string detected)
    {
        var match = DeclarationRule().Match(text.Length > 200 ? text[..200] : text);
        if (!match.Success)
        {
            return;
        }
        var named = match.Groups[1].Value.ToLowerInvariant();
        var family = named is "utf-16" or "utf-16le" or "utf-16be" or "unicode" ? "utf-16" : named is "utf-8" or "utf8" ? "utf-8" : named;
        if (family != detected)
        {
            throw Refused(detected == "utf-16"
                ? $"The XML declaration names encoding '{named}', but the document starts with a UTF-16 byte-order mark."
                : $"The XML declaration names encoding '{named}', but the bytes are not in it (UTF-16 needs a byte-order mark).");
        }
    }

    private static PassportValidationException Refused(string message) => new(message, [new Violation("source", "encoding", message)]);

    [GeneratedRegex("""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")]
    private static partial Regex DeclarationRule();
}
