using System.Text;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>
/// Turns raw body bytes into text. UTF-8 is strict (a bad byte is an error, never a silent
/// replacement character); UTF-16 is accepted with a byte-order mark because real battery
/// passports are exported that way.
/// </summary>
internal static class BodyDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var (encoding, bomLength, name) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => ((Encoding)StrictUtf8, 3, "UTF-8"),
            [0xFF, 0xFE, ..] => (StrictUtf16Le, 2, "UTF-16LE"),
            [0xFE, 0xFF, ..] => (StrictUtf16Be, 2, "UTF-16BE"),
            _ => (StrictUtf8, 0, "UTF-8"),
        };
        try
        {
            return encoding.GetString(bytes[bomLength..]);
        }
        catch (DecoderFallbackException ex)
        {
            var at = ex.Index >= 0 ? $" at byte {ex.Index + bomLength}" : "";
            throw Invalid("invalid_encoding", $"The body is not valid {name}{at}; send UTF-8 (or UTF-16 with a byte-order mark).");
        }
    }

    private static Errors.PassportValidationException Invalid(string kind, string message) =>
        new(message, [new Violation("", kind, message)]);
}
