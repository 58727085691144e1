using System.Globalization;
using System.Text.RegularExpressions;

namespace CircularPartners.DataSpace.Domain.Goals;

/// <summary>
/// A reporting period: <c>YYYY</c>, <c>YYYY-Hn</c>, <c>YYYY-Qn</c> or <c>YYYY-MM</c> (calendar).
/// Periods are ordered by the day they end, so the latest report is the one whose period ends last
/// whatever the granularity members chose.
/// </summary>
public static partial class ReportPeriod
{
    [GeneratedRegex(@"^(?<year>\d{4})(?:-(?:H(?<half>[12])|Q(?<quarter>[1-4])|(?<month>0[1-9]|1[0-2])))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>The last day of the period, or null when <paramref name="period"/> is not one of the formats.</summary>
    public static DateOnly? EndOf(string period)
    {
        var match = Pattern().Match(period ?? "");
        if (!match.Success)
        {
            return null;
        }
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 1900 or > 2200)
        {
            return null;
        }
        var lastMonth = match.Groups["half"].Success ? 6 * int.Parse(match.Groups["half"].Value, CultureInfo.InvariantCulture)
            : match.Groups["quarter"].Success ? 3 * int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture)
            : match.Groups["month"].Success ? int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture)
            : 12;
        return new DateOnly(year, lastMonth, DateTime.DaysInMonth(year, lastMonth));
    }
}
