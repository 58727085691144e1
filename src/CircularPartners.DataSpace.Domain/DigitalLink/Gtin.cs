using CircularPartners.DataSpace.Domain.Identifiers;

namespace CircularPartners.DataSpace.Domain.DigitalLink;

/// <summary>
/// GS1 trade item numbers: GTIN-8, UPC-12 (GTIN-12), JAN/EAN-13 (GTIN-13) and GTIN-14, each
/// with its mod-10 check digit. Every form is compared as GTIN-14 (left-padded with zeros), the
/// form GS1 Digital Link and our schemas use, so a JAN-13 on a box and the GTIN-14 in a passport
/// name the same product.
/// </summary>
public static class Gtin
{
    /// <summary>The GTIN-14 form of <paramref name="digits"/>, or why it is not a GTIN.</summary>
    public static GtinCheck Normalize(string? digits)
    {
        if (string.IsNullOrEmpty(digits) || !digits.All(char.IsAsciiDigit))
        {
            return GtinCheck.Invalid("not_digits", "A GTIN is 8, 12, 13 or 14 digits.");
        }
        if (digits.Length is not (8 or 12 or 13 or 14))
        {
            return GtinCheck.Invalid("bad_length", $"A GTIN is 8, 12, 13 or 14 digits, not {digits.Length}.");
        }
        var expected = CheckDigits.Gs1CheckDigit(digits.AsSpan(0, digits.Length - 1));
        if (digits[^1] - '0' != expected)
        {
            return GtinCheck.Invalid("bad_check_digit", $"The GS1 check digit of {digits} should be {expected}, not {digits[^1]}.");
        }
        return GtinCheck.Valid(digits.PadLeft(14, '0'));
    }

    /// <summary>The GTIN-14 form of a valid GTIN, or null.</summary>
    public static string? ToGtin14(string? digits) => Normalize(digits).Gtin14;
}

/// <summary>A GTIN-14, or the reason (<see cref="Code"/>, <see cref="Message"/>) a value is not a GTIN.</summary>
public sealed record GtinCheck(string? Gtin14, string? Code, string? Message)
{
    public static GtinCheck Valid(string gtin14) => new(gtin14, null, null);

    public static GtinCheck Invalid(string code, string message) => new(null, code, message);
}
