using CircularPartners.DataSpace.Domain.Goals;
using CircularPartners.DataSpace.Domain.Goals.Analytics;
using Google.Protobuf.WellKnownTypes;
using W = CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Connector.Membership;

/// <summary>The analytics tables onto the wire.</summary>
internal static class AnalyticsMapper
{
    public static W.SubmissionRatesTable ToWire(SubmissionRates t) => new()
    {
        AsOf = Date(t.AsOf),
        Rows = { t.Rows.Select(ToWire) },
        Total = ToWire(t.Total),
    };

    public static W.GoalsByIndicatorTable ToIndicatorTable(GoalCounts t) => new()
    {
        AsOf = Date(t.AsOf),
        Rows = { t.Rows.Select(r => new W.IndicatorCountRow { Indicator = r.Term.Code, NameJa = r.Term.NameJa, NameEn = r.Term.NameEn, Goals = r.Goals, SharePercent = r.SharePercent }) },
        Total = new W.IndicatorCountRow { Indicator = t.Total.Term.Code, NameJa = t.Total.Term.NameJa, NameEn = t.Total.Term.NameEn, Goals = t.Total.Goals, SharePercent = t.Total.SharePercent },
        DistinctGoals = t.DistinctGoals,
    };

    public static W.GoalsByKindTable ToKindTable(GoalCounts t) => new()
    {
        AsOf = Date(t.AsOf),
        Rows = { t.Rows.Select(ToKindRow) },
        Total = ToKindRow(t.Total),
    };

    public static W.ProgressTable ToWire(ProgressTable t) => new()
    {
        AsOf = Date(t.AsOf),
        Rows = { t.Rows.Select(ToWire) },
        Total = ToWire(t.Total),
    };

    public static W.PendingSubmittersTable ToWire(PendingSubmitters t) => new()
    {
        AsOf = Date(t.AsOf),
        Months = t.Months,
        Members = { t.Members.Select(p => new W.PendingSubmitter
        {
            ParticipantId = p.Member.ParticipantId,
            Name = p.Member.Name,
            Industry = p.Member.Industry,
            IndustryNameJa = GoalVocabulary.IndustryOf(p.Member.Industry).NameJa,
            IndustryNameEn = GoalVocabulary.IndustryOf(p.Member.Industry).NameEn,
            Kind = p.Member.Kind,
            JoinedAt = Timestamp.FromDateTimeOffset(p.Member.JoinedAt),
            MonthsSinceJoined = p.MonthsSinceJoined,
        }) },
    };

    private static W.SubmissionRateRow ToWire(SubmissionRow r) => new()
    {
        Industry = r.Industry.Code,
        NameJa = r.Industry.NameJa,
        NameEn = r.Industry.NameEn,
        Members = r.Members,
        Submitted = r.Submitted,
        SharePercent = r.SharePercent,
    };

    private static W.KindCountRow ToKindRow(CountRow r) => new() { Kind = r.Term.Code, NameJa = r.Term.NameJa, NameEn = r.Term.NameEn, Goals = r.Goals, SharePercent = r.SharePercent };

    private static W.ProgressRow ToWire(ProgressRow r)
    {
        var row = new W.ProgressRow
        {
            Indicator = r.Indicator.Code,
            NameJa = r.Indicator.NameJa,
            NameEn = r.Indicator.NameEn,
            Goals = r.Goals,
            GoalsWithReports = r.GoalsWithReports,
            GoalsWithProgress = r.GoalsWithProgress,
            PastTargetYear = r.PastTargetYear,
        };
        if (r.MedianProgressPercent is { } median)
        {
            row.MedianProgressPercent = median;
        }
        return row;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
