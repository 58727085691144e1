using System.Globalization;
using System.Text.RegularExpressions;
using CircularPartners.DataSpace.Domain.Identifiers;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>How IEC 62474 values read as passport values: masses in kg, thresholds in %, company identifiers with their scheme, substance ids with their check digits.</summary>
internal static partial class Iec62474Values
{
    /// <summary>A mass in <paramref name="unit"/> (mg, g or kg; the schema allows no other) in kg, computed in decimal so 62 g is 0.062 kg exactly.</summary>
    public static double? Kilograms(string mass, string? unit)
    {
        if (!decimal.TryParse(mass, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            return null;
        }
        return unit switch
        {
            "mg" => (double)(value / 1_000_000m),
            "g" => (double)(value / 1000m),
            "kg" => (double)value,
            _ => null,
        };
    }

    public static double? Number(string value) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? (double)number : null;

    /// <summary>
    /// A reporting threshold as % by mass of the homogeneous material (cmp/2.0's unit), from the
    /// DSL's text, e.g. <c>0.1 mass% in homogeneous material [ReportingLevel:Material]</c>; a threshold
    /// relative to something else (the article, a part, a mixture) or not a number is no such value.
    /// </summary>
    public static double? ThresholdPercent(string text)
    {
        var match = ThresholdRule().Match(text);
        var material = text.Contains("[ReportingLevel:Material]", StringComparison.OrdinalIgnoreCase)
            || text.Contains("homogeneous material", StringComparison.OrdinalIgnoreCase) || text.Contains("homogenous material", StringComparison.OrdinalIgnoreCase);
        return match.Success && material ? Number(match.Groups[1].Value) : null;
    }

    /// <summary>The scheme of a company identifier by the authority IEC 62474 names for it; an unknown authority is scheme <c>other</c> with that issuer.</summary>
    public static string Scheme(string authority) => authority.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal) switch
    {
        "DUNS" or "D-U-N-S" or "DUN&BRADSTREET" => "duns",
        "GLN" or "GS1" or "GS1-GLN" => "gln",
        "LEI" or "GLEIF" => "lei",
        "BPNL" or "CATENA-X" => "bpnl",
        "EORI" => "eori",
        "VAT" => "vat",
        "JP-CN" or "JCN" or "NTA" or "CORPORATENUMBER" or "法人番号" => "jp-cn",
        _ => "other",
    };

    /// <summary>What kind of substance id a SubstanceID is (<c>cas</c>, <c>ec</c> or null), by its list's authority or identity, else by its shape.</summary>
    public static string? SubstanceIdKind(string? authority, string? identity, string entry)
    {
        string[] names = [(authority ?? "").Trim().ToUpperInvariant(), (identity ?? "").Trim().ToUpperInvariant()];
        if (names.Any(n => n.Contains("CAS", StringComparison.Ordinal)))
        {
            return "cas";
        }
        if (names.Any(n => n is "EC" or "EINECS" or "ELINCS" or "EC NUMBER" or "EC-NUMBER"))
        {
            return "ec";
        }
        return authority is null ? ImportValues.HasCasShape(entry) ? "cas" : ImportValues.HasEcShape(entry) ? "ec" : null : null;
    }

    /// <summary>Why <paramref name="value"/> is not a CAS (or EC) number: its shape, or its check digit.</summary>
    public static string? SubstanceIdProblem(string kind, string value) => kind switch
    {
        "cas" when !ImportValues.HasCasShape(value) => $"'{value}' is not a CAS Registry Number (NNNNNNN-NN-R)",
        "cas" when !CheckDigits.IsCasNumber(value) => $"CAS number '{value}' fails its check digit, so it is not indexed as one",
        "ec" when !ImportValues.HasEcShape(value) => $"'{value}' is not an EC number (NNN-NNN-R)",
        "ec" when !CheckDigits.IsEcNumber(value) => $"EC number '{value}' fails its check digit, so it is not indexed as one",
        _ => null,
    };

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*(?:mass|wt|weight)\s*%", RegexOptions.IgnoreCase)]
    private static partial Regex ThresholdRule();
}
