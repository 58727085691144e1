using CircularPartners.DataSpace.Domain.Membership;

namespace CircularPartners.DataSpace.Domain.Goals.Analytics;

/// <summary>What the analytics are computed over: the as-of date and the pending-submitter rule.</summary>
/// <param name="Months">Members who joined more than this many months before <paramref name="AsOf"/> must have submitted.</param>
/// <param name="IncludeExempt">List universities, schools and research bodies among pending submitters too.</param>
public sealed record AnalyticsQuery(DateOnly AsOf, int Months, bool IncludeExempt);

public sealed record SubmissionRow(Term Industry, int Members, int Submitted, double SharePercent);

public sealed record SubmissionRates(DateOnly AsOf, IReadOnlyList<SubmissionRow> Rows, SubmissionRow Total);

/// <summary>A count of goals under one term (an indicator or a goal kind) and its share.</summary>
public sealed record CountRow(Term Term, int Goals, double SharePercent);

public sealed record GoalCounts(DateOnly AsOf, IReadOnlyList<CountRow> Rows, CountRow Total, int DistinctGoals);

public sealed record ProgressRow(Term Indicator, int Goals, int GoalsWithReports, int GoalsWithProgress, double? MedianProgressPercent, int PastTargetYear);

public sealed record ProgressTable(DateOnly AsOf, IReadOnlyList<ProgressRow> Rows, ProgressRow Total);

public sealed record PendingMember(Participant Member, int MonthsSinceJoined);

public sealed record PendingSubmitters(DateOnly AsOf, int Months, IReadOnlyList<PendingMember> Members);

/// <summary>The names of the analytics tables, as the CSV export takes them.</summary>
public static class AnalyticsTableNames
{
    public const string SubmissionRates = "submission-rates";
    public const string GoalsByIndicator = "goals-by-indicator";
    public const string GoalsByKind = "goals-by-kind";
    public const string Progress = "progress";
    public const string PendingSubmitters = "pending-submitters";

    public static readonly IReadOnlyList<string> All = [SubmissionRates, GoalsByIndicator, GoalsByKind, Progress, PendingSubmitters];

    /// <summary>The label of the total row.</summary>
    public static readonly Term Total = new("total", "合計", "Total");
}
