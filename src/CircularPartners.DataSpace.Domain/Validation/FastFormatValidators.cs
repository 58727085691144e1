using System.Globalization;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>
/// NJsonSchema's <c>date</c> and <c>date-time</c> checks with a fast path for the one shape our
/// schemas' patterns admit. The stock checks try up to 15 <c>TryParseExact</c> formats per value,
/// a fifth of all validation time. Outside the fast path the stock check decides, so every answer
/// is the stock answer.
/// </summary>
internal static class FastFormatValidators
{
    /// <summary>
    /// Validator settings with the two fast checks in place of the stock ones, and the check-digit
    /// formats (<see cref="CheckDigitFormats"/>); shared, never modified.
    /// </summary>
    public static JsonSchemaValidatorSettings Settings { get; } = Create();

    private static JsonSchemaValidatorSettings Create()
    {
        var settings = new JsonSchemaValidatorSettings();
        settings.FormatValidators = [.. settings.FormatValidators.Select(v => v switch
        {
            DateTimeFormatValidator stock => new FastDateTime(stock),
            DateFormatValidator stock => new FastDate(stock),
            _ => v,
        }), .. CheckDigitFormats.All];
        return settings;
    }

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ss[.f+](Z|±hh:mm)</c> in ASCII digits is always accepted by the stock
    /// check (its fallback regex accepts the shape whatever the values), so it is accepted here
    /// without parsing. (The schemas' own patterns are what constrain the values.)
    /// </summary>
    internal sealed class FastDateTime(DateTimeFormatValidator stock) : IFormatValidator
    {
        public string Format => stock.Format;

        public ValidationErrorKind ValidationErrorKind => stock.ValidationErrorKind;

        public bool IsValid(string value, JTokenType tokenType) => IsRfc3339Shape(value) || stock.IsValid(value, tokenType);

        internal static bool IsRfc3339Shape(string v)
        {
            if (v.Length < 20 || !Digits(v, 0, 4) || v[4] != '-' || !Digits(v, 5, 2) || v[7] != '-' || !Digits(v, 8, 2)
                || v[10] is not ('T' or 't') || !Digits(v, 11, 2) || v[13] != ':' || !Digits(v, 14, 2) || v[16] != ':' || !Digits(v, 17, 2))
            {
                return false;
            }
            var i = 19;
            if (v[i] == '.')
            {
                var start = ++i;
                while (i < v.Length && char.IsAsciiDigit(v[i]))
                {
                    i++;
                }
                if (i == start)
                {
                    return false;
                }
            }
            var rest = v.Length - i;
            return (rest == 1 && v[i] is 'Z' or 'z')
                || (rest == 6 && v[i] is '+' or '-' && Digits(v, i + 1, 2) && v[i + 3] == ':' && Digits(v, i + 4, 2));
        }
    }

    /// <summary><c>yyyy-MM-dd</c> in ASCII digits: a calendar check instead of <c>TryParseExact</c>, same answer.</summary>
    internal sealed class FastDate(DateFormatValidator stock) : IFormatValidator
    {
        public string Format => stock.Format;

        public ValidationErrorKind ValidationErrorKind => stock.ValidationErrorKind;

        public bool IsValid(string value, JTokenType tokenType)
        {
            // The stock check parses with the current culture; the shortcut holds for the Gregorian calendar.
            if (tokenType == JTokenType.Date || value.Length != 10 || !Digits(value, 0, 4) || value[4] != '-' || !Digits(value, 5, 2)
                || value[7] != '-' || !Digits(value, 8, 2) || CultureInfo.CurrentCulture.Calendar is not GregorianCalendar)
            {
                return stock.IsValid(value, tokenType);
            }
            var year = Number(value, 0, 4);
            var month = Number(value, 5, 2);
            var day = Number(value, 8, 2);
            return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
        }
    }

    private static bool Digits(string value, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static int Number(string value, int start, int count)
    {
        var n = 0;
        for (var i = start; i < start + count; i++)
        {
            n = (n * 10) + (value[i] - '0');
        }
        return n;
    }
}
