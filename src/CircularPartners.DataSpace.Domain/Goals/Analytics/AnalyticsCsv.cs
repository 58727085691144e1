using System.Globalization;
using System.Text;

namespace CircularPartners.DataSpace.Domain.Goals.Analytics;

/// <summary>
/// The analytics tables as CSV for spreadsheets: UTF-8 with a BOM (without it Excel reads
/// Japanese as Shift_JIS and garbles it), CRLF line ends, headers and names in Japanese or English.
/// </summary>
public static class AnalyticsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Render(string table, string language, GoalAnalytics analytics, AnalyticsQuery query)
    {
        var en = language == "en";
        var csv = new StringBuilder("\uFEFF");
        void Line(params object?[] cells) => csv.Append(string.Join(",", cells.Select(Cell))).Append("\r\n");
        string Name(Term term) => en ? term.NameEn : term.NameJa;
        string H(string ja, string english) => en ? english : ja;

        switch (table)
        {
            case AnalyticsTableNames.SubmissionRates:
                var rates = analytics.SubmissionRates(query);
                Line(H("業種コード", "industry_code"), H("業種", "industry"), H("会員数", "members"), H("目標提出会員数", "submitted"), H("提出率(%)", "share_percent"));
                foreach (var row in rates.Rows.Append(rates.Total))
                {
                    Line(row.Industry.Code, Name(row.Industry), row.Members, row.Submitted, row.SharePercent);
                }
                break;
            case AnalyticsTableNames.GoalsByIndicator or AnalyticsTableNames.GoalsByKind:
                var byIndicator = table == AnalyticsTableNames.GoalsByIndicator;
                var counts = byIndicator ? analytics.GoalsByIndicator(query) : analytics.GoalsByKind(query);
                Line(byIndicator ? H("指標コード", "indicator_code") : H("種類コード", "kind_code"), byIndicator ? H("代表指標", "indicator") : H("目標の種類", "kind"),
                    H("目標数", "goals"), H("割合(%)", "share_percent"));
                foreach (var row in counts.Rows.Append(counts.Total))
                {
                    Line(row.Term.Code, Name(row.Term), row.Goals, row.SharePercent);
                }
                break;
            case AnalyticsTableNames.Progress:
                var progress = analytics.Progress(query);
                Line(H("指標コード", "indicator_code"), H("代表指標", "indicator"), H("目標数", "goals"), H("報告のある目標数", "goals_with_reports"),
                    H("進捗を算出できる目標数", "goals_with_progress"), H("進捗の中央値(%)", "median_progress_percent"), H("目標年を過ぎた目標数", "past_target_year"));
                foreach (var row in progress.Rows.Append(progress.Total))
                {
                    Line(row.Indicator.Code, Name(row.Indicator), row.Goals, row.GoalsWithReports, row.GoalsWithProgress, row.MedianProgressPercent, row.PastTargetYear);
                }
                break;
            case AnalyticsTableNames.PendingSubmitters:
                var pending = analytics.PendingSubmitters(query);
                Line(H("会員ID", "participant_id"), H("名称", "name"), H("業種コード", "industry_code"), H("業種", "industry"), H("種別", "kind"), H("入会日", "joined_on"), H("入会からの月数", "months_since_joined"));
                foreach (var row in pending.Members)
                {
                    var m = row.Member;
                    Line(m.ParticipantId, m.Name, m.Industry, Name(GoalVocabulary.IndustryOf(m.Industry)), GoalVocabulary.NameOf(GoalVocabulary.MemberKinds, m.Kind, language),
                        m.JoinedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.MonthsSinceJoined);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(table), table, "Not an analytics table.");
        }
        return csv.ToString();
    }

    /// <summary>Quoted when it holds a comma, quote or line break (Japanese names often hold the ideographic comma only, which needs none).</summary>
    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => d.ToString("0.0", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        // A cell starting with = + - @ is a formula to a spreadsheet: member names come from members.
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) && value is string)
        {
            text = "'" + text;
        }
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
