using CircularPartners.DataSpace.Domain.Identifiers;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>
/// Custom <c>format</c>s the schemas use for identifiers with a check digit. NJsonSchema asserts
/// formats, so a schema saying <c>"format": "cas-number"</c> refuses a CAS number whose check digit
/// is wrong, at its JSON Pointer like any other violation.
/// </summary>
internal static class CheckDigitFormats
{
    /// <summary>The violation kind of a failed check digit.</summary>
    public const string ViolationKind = "check_digit";

    public static IReadOnlyList<IFormatValidator> All { get; } =
    [
        new CheckDigitFormat("cas-number", CheckDigits.IsCasNumber),
        new CheckDigitFormat("ec-number", CheckDigits.IsEcNumber),
        new CheckDigitFormat("jp-corporate-number", CheckDigits.IsJapaneseCorporateNumber),
        new CheckDigitFormat("gs1-gtin", v => CheckDigits.IsGs1Key(v, 8, 12, 13, 14)),
        new CheckDigitFormat("gs1-gln", v => CheckDigits.IsGs1Key(v, 13)),
        new CheckDigitFormat("lei", CheckDigits.IsLei),
    ];

    public static bool IsCheckDigitFormat(string? format) => format is not null && All.Any(f => f.Format == format);

    // NJsonSchema has no kind for a custom format; the schema registry names it check_digit.
    private sealed class CheckDigitFormat(string name, Func<string, bool> isValid) : IFormatValidator
    {
        public string Format => name;

        public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.Unknown;

        public bool IsValid(string value, JTokenType tokenType) => tokenType != JTokenType.String || isValid(value);
    }
}
