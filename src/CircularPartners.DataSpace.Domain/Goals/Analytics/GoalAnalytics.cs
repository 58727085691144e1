using System.Globalization;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Membership;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Goals.Analytics;

/// <summary>
/// The secretariat's tables over members and goals, as of a date (the end of that day, UTC).
/// A member counts when it had joined by then and not left, the secretariat itself excluded; a
/// goal counts when its member counts and it was submitted by then; a report when it was made by
/// then. Percentages are rounded to one decimal, half away from zero.
/// </summary>
public sealed class GoalAnalytics(IGoalStore goals, IMembershipStore members, TimeProvider time)
{
    public const int DefaultMonths = 12;

    /// <summary>The query from the request's fields, or INVALID_ARGUMENT naming the field.</summary>
    public AnalyticsQuery Query(Caller caller, string asOf, int months, bool includeExempt)
    {
        MembershipRegistry.RequireSecretariat(caller);
        var violations = new List<Violation>();
        var date = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (asOf.Trim().Length > 0 && !DateOnly.TryParseExact(asOf.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            violations.Add(new Violation("as_of", "bad_format", "The as-of date is YYYY-MM-DD."));
        }
        if (months is < 0 or > 1200)
        {
            violations.Add(new Violation("months", "out_of_range", "Months is between 0 (default 12) and 1200."));
        }
        return violations.Count > 0
            ? throw new PassportValidationException("The analytics request has problems.", violations)
            : new AnalyticsQuery(date, months == 0 ? DefaultMonths : months, includeExempt);
    }

    public SubmissionRates SubmissionRates(AnalyticsQuery query)
    {
        var counted = Members(query);
        var submitters = Goals(query, counted).Select(g => g.ParticipantId).ToHashSet(StringComparer.Ordinal);
        var rows = GoalVocabulary.Industries.Select(industry => Row(industry, counted.Values.Where(m => m.Industry == industry.Code))).ToList();
        var unclassified = counted.Values.Where(m => GoalVocabulary.IndustryOf(m.Industry) == GoalVocabulary.Unclassified).ToList();
        if (unclassified.Count > 0)
        {
            rows.Add(Row(GoalVocabulary.Unclassified, unclassified));
        }
        return new SubmissionRates(query.AsOf, rows, Row(AnalyticsTableNames.Total, counted.Values));

        SubmissionRow Row(Term term, IEnumerable<Participant> of)
        {
            var list = of.ToList();
            var submitted = list.Count(m => submitters.Contains(m.ParticipantId));
            return new SubmissionRow(term, list.Count, submitted, Percent(submitted, list.Count));
        }
    }

    public GoalCounts GoalsByIndicator(AnalyticsQuery query)
    {
        var counted = Goals(query, Members(query));
        var counts = GoalVocabulary.Indicators.Select(i => (Term: i, Goals: counted.Count(g => g.Indicators.Contains(i.Code)))).ToList();
        var sum = counts.Sum(c => c.Goals);
        return new GoalCounts(query.AsOf, [.. counts.Select(c => new CountRow(c.Term, c.Goals, Percent(c.Goals, sum)))],
            new CountRow(AnalyticsTableNames.Total, sum, sum > 0 ? 100 : 0), counted.Count);
    }

    public GoalCounts GoalsByKind(AnalyticsQuery query)
    {
        var counted = Goals(query, Members(query));
        return new GoalCounts(query.AsOf,
            [.. GoalVocabulary.GoalKinds.Select(k => (Term: k, Goals: counted.Count(g => g.Kind == k.Code))).Select(c => new CountRow(c.Term, c.Goals, Percent(c.Goals, counted.Count)))],
            new CountRow(AnalyticsTableNames.Total, counted.Count, counted.Count > 0 ? 100 : 0), counted.Count);
    }

    public ProgressTable Progress(AnalyticsQuery query)
    {
        var end = EndOf(query.AsOf);
        var progress = Goals(query, Members(query))
            .Select(g => (Goal: g, Progress: ProgressCalculator.Of(g, [.. goals.ReportsOf(g.GoalId).Where(r => r.ReportedAt < end)], query.AsOf)))
            .ToList();
        return new ProgressTable(query.AsOf,
            [.. GoalVocabulary.Indicators.Select(i => Row(i, progress.Where(p => p.Goal.Indicators.Contains(i.Code))))],
            Row(AnalyticsTableNames.Total, progress));

        static ProgressRow Row(Term term, IEnumerable<(Goal Goal, GoalProgress Progress)> of)
        {
            var list = of.ToList();
            var median = ProgressCalculator.Median(list.Where(p => p.Progress.Defined).Select(p => p.Progress.Progress * 100));
            return new ProgressRow(term, list.Count, list.Count(p => p.Progress.ReportCount > 0), list.Count(p => p.Progress.Defined),
                median is { } m ? Round(m) : null, list.Count(p => p.Progress.PastTargetYear));
        }
    }

    public PendingSubmitters PendingSubmitters(AnalyticsQuery query)
    {
        var counted = Members(query);
        var submitters = Goals(query, counted).Select(g => g.ParticipantId).ToHashSet(StringComparer.Ordinal);
        var pending = counted.Values
            .Where(m => !submitters.Contains(m.ParticipantId))
            .Where(m => query.IncludeExempt || !GoalVocabulary.IsExempt(m.Kind, m.Industry))
            .Where(m => DateOnly.FromDateTime(m.JoinedAt.UtcDateTime).AddMonths(query.Months) < query.AsOf)
            .OrderBy(m => m.JoinedAt).ThenBy(m => m.ParticipantId, StringComparer.Ordinal)
            .Select(m => new PendingMember(m, MonthsBetween(DateOnly.FromDateTime(m.JoinedAt.UtcDateTime), query.AsOf)));
        return new PendingSubmitters(query.AsOf, query.Months, [.. pending]);
    }

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to) =>
        ((to.Year - from.Year) * 12) + to.Month - from.Month - (to.Day < from.Day ? 1 : 0);

    private Dictionary<string, Participant> Members(AnalyticsQuery query)
    {
        var end = EndOf(query.AsOf);
        return members.Participants
            .Where(p => p.JoinedAt < end && (p.LeftAt is null || p.LeftAt >= end) && !p.Roles.Contains("secretariat"))
            .ToDictionary(p => p.ParticipantId, StringComparer.Ordinal);
    }

    private List<Goal> Goals(AnalyticsQuery query, Dictionary<string, Participant> counted)
    {
        var end = EndOf(query.AsOf);
        return [.. goals.Goals.Where(g => !g.Deleted && g.SubmittedAt < end && counted.ContainsKey(g.ParticipantId))];
    }

    private static DateTimeOffset EndOf(DateOnly date) => new(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static double Percent(int part, int whole) => whole == 0 ? 0 : Round(100.0 * part / whole);

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
