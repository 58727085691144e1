using System.Globalization;
using System.Text.RegularExpressions;
using CircularPartners.DataSpace.Domain.Identifiers;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation.FormatValidators;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The checks our 2.0 schemas make on single values, applied before a source value is mapped, so a
/// value the target would refuse is dropped with its reason instead of failing the whole import
/// (generated sample data carries "e-mail addresses" that are none). Units are converted to the
/// target field's fixed unit, or the value is dropped naming the unit.
/// </summary>
internal static partial class ImportValues
{
    // The same checks NJsonSchema applies to format: email and date at publish.
    private static readonly EmailFormatValidator Email = new();
    private static readonly DateFormatValidator Date = new();

    // ISO 3166-1 alpha-2, officially assigned codes (the invariant-globalisation build has no RegionInfo data).
    private static readonly HashSet<string> Countries = new(("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
        + "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY "
        + "HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ "
        + "NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ "
        + "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW").Split(' '), StringComparer.Ordinal);

    public static bool IsEmail(string? value) => value is not null && Email.IsValid(value, JTokenType.String);

    /// <summary>An assigned ISO 3166-1 alpha-2 code: core/2.0's pattern admits any two letters, but "AY" names no country.</summary>
    public static bool IsCountry(string? value) => value is not null && CountryRule().IsMatch(value) && Countries.Contains(value);

    public static bool IsHttpUrl(string? value) => value is not null && HttpRule().IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out _);

    /// <summary>An https link as core/2.0's <c>/documents</c> take it.</summary>
    public static bool IsHttpsUrl(string? value) => value is not null && HttpsRule().IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out _);

    /// <summary>An HS (6), CN (8) or TARIC (10) code, digits only.</summary>
    public static bool IsCommodityCode(string? value) => value is not null && CommodityRule().IsMatch(value);

    public static bool IsDate(string? value) => value is not null && DateRule().IsMatch(value) && Date.IsValid(value, JTokenType.String)
        && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>A passport id core/2.0 accepts: a GS1 Digital Link with a GTIN or a <c>urn:uuid:</c>.</summary>
    public static bool IsPassportId(string? value) => value is not null && PassportIdRule().IsMatch(value);

    /// <summary>A date as the start of that day in UTC, for <c>issuedAt</c> when the source states only a date.</summary>
    public static string? StartOfDay(string? date) => IsDate(date) ? date + "T00:00:00Z" : null;

    /// <summary>The date part of an RFC 3339 date-time as written (the local date of the source).</summary>
    public static string? DateOf(string? dateTime) => dateTime is { Length: >= 10 } && IsDate(dateTime[..10]) ? dateTime[..10] : null;

    /// <summary>Which substance field a registry number belongs in, by its check digit: <c>casNumber</c>, <c>ecNumber</c> or neither.</summary>
    public static string? SubstanceField(string? number) => number is null ? null
        : CasRule().IsMatch(number) && CheckDigits.IsCasNumber(number) ? "casNumber"
        : EcRule().IsMatch(number) && CheckDigits.IsEcNumber(number) ? "ecNumber"
        : null;

    /// <summary>The shape of a CAS Registry Number (NNNNNNN-NN-R), check digit not verified.</summary>
    public static bool HasCasShape(string? value) => value is not null && CasRule().IsMatch(value);

    /// <summary>The shape of an EC number (NNN-NNN-R), check digit not verified.</summary>
    public static bool HasEcShape(string? value) => value is not null && EcRule().IsMatch(value);

    /// <summary>Why <paramref name="id"/> is not an identifier in core/2.0's <paramref name="scheme"/>, or null when it is one (check digits verified where the scheme has them).</summary>
    public static string? IdentifierProblem(string scheme, string id) => scheme switch
    {
        "jp-cn" when !CheckDigits.IsJapaneseCorporateNumber(id) => $"'{id}' is not a 法人番号 (13 digits, check digit verified)",
        "gln" when !CheckDigits.IsGs1Key(id, 13) => $"'{id}' is not a GLN (13 digits, GS1 check digit verified)",
        "lei" when !CheckDigits.IsLei(id) => $"'{id}' is not an LEI (ISO 17442 check digits verified)",
        "duns" when !DunsRule().IsMatch(id) => $"'{id}' is not a D-U-N-S number (9 digits)",
        "bpnl" when !IsBpnl(id) => $"'{id}' is not a BPNL (BPNL and 12 letters or digits)",
        "eori" when !IsEori(id) => $"'{id}' is not an EORI number",
        "vat" when !VatRule().IsMatch(id) => $"'{id}' is not a VAT number with its country prefix",
        "other" when id.Trim().Length == 0 => "the identifier is empty",
        _ => null,
    };

    /// <summary>A Catena-X business partner number of a legal entity as core/2.0 accepts it (upper case).</summary>
    public static bool IsBpnl(string? value) => value is not null && BpnlRule().IsMatch(value);

    /// <summary>An EORI number as core/2.0's <c>eori</c> scheme takes it.</summary>
    public static bool IsEori(string? value) => value is not null && EoriRule().IsMatch(value);

    /// <summary>A concentration in a Catena-X unit as % by mass; null for a unit that is not a mass share (e.g. volume percent).</summary>
    public static double? Percent(double value, string? unit) => unit switch
    {
        "unit:percent" => value,
        "unit:partPerThousand" => value / 10,
        "unit:partPerMillion" => value / 1e4,
        "unit:partPerBillionUs" => value / 1e7,
        "unit:partPerTrillionUs" => value / 1e10,
        _ => null,
    };

    /// <summary>A mass in a Catena-X unit as kg; null for a unit not known.</summary>
    public static double? Kilograms(double value, string? unit) => unit switch
    {
        "unit:kilogram" => value,
        "unit:gram" => value / 1000,
        "unit:tonneMetricTon" => value * 1000,
        "unit:pound" => value * 0.45359237,
        "unit:ounceAvoirdupois" => value * 0.028349523125,
        "unit:tonUsOrShortTonUkorus" => value * 907.18474,
        _ => null,
    };

    [GeneratedRegex(@"^https://[^\s]+$")]
    private static partial Regex HttpsRule();

    [GeneratedRegex("^[0-9]{6}([0-9]{2}([0-9]{2})?)?$")]
    private static partial Regex CommodityRule();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryRule();

    [GeneratedRegex("^https?://")]
    private static partial Regex HttpRule();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex DateRule();

    [GeneratedRegex("^[0-9]{2,7}-[0-9]{2}-[0-9]$")]
    private static partial Regex CasRule();

    [GeneratedRegex("^[0-9]{3}-[0-9]{3}-[0-9]$")]
    private static partial Regex EcRule();

    [GeneratedRegex("^[A-Z]{2}[0-9A-Z]{1,15}$")]
    private static partial Regex EoriRule();

    [GeneratedRegex("^BPNL[0-9A-Z]{12}$")]
    private static partial Regex BpnlRule();

    [GeneratedRegex("^[0-9]{9}$")]
    private static partial Regex DunsRule();

    [GeneratedRegex("^[A-Z]{2}[0-9A-Za-z+*.]{2,12}$")]
    private static partial Regex VatRule();

    // core/2.0's passportId pattern.
    [GeneratedRegex(@"^(https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)*/01/[0-9]{14}(/22/[A-Za-z0-9!'()*+,.:;=_%-]{1,80})?(/10/[A-Za-z0-9!'()*+,.:;=_%-]{1,80})?(/21/[A-Za-z0-9!'()*+,.:;=_%-]{1,80})?(\?[^#\s]*)?|urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")]
    private static partial Regex PassportIdRule();
}
