namespace CircularPartners.DataSpace.Domain.Goals;

/// <summary>
/// Progress of a goal: (latest value − baseline) / (target − baseline), defined for a quantitative
/// goal with a baseline, a different target and at least one report. It is clamped to [0, 1] for
/// charts and medians (a member that overshoots its target has reached it; one that moved away
/// has made no progress), and the raw ratio is kept beside it so overshoot and regression stay
/// visible. The latest value is the report whose period ends last (ties: the latest reported).
/// </summary>
public static class ProgressCalculator
{
    public static GoalProgress Of(Goal goal, IReadOnlyList<AchievementReport> reports, DateOnly asOf)
    {
        var pastTarget = goal.TargetYear > 0 && goal.TargetYear < asOf.Year;
        var latest = Latest(reports);
        if (latest is null)
        {
            return new GoalProgress(0, false, 0, 0, 0, "", pastTarget);
        }
        if (goal.Kind != "quantitative" || goal.BaselineValue is not { } baseline || goal.TargetValue is not { } target || target == baseline)
        {
            return new GoalProgress(reports.Count, false, 0, 0, latest.Value, latest.Period, pastTarget);
        }
        var raw = (latest.Value - baseline) / (target - baseline);
        return new GoalProgress(reports.Count, true, Math.Clamp(raw, 0, 1), raw, latest.Value, latest.Period, pastTarget);
    }

    /// <summary>The report whose period ends last; among those, the one reported last.</summary>
    public static AchievementReport? Latest(IReadOnlyList<AchievementReport> reports) =>
        reports.OrderBy(r => ReportPeriod.EndOf(r.Period) ?? DateOnly.MinValue).ThenBy(r => r.ReportedAt).LastOrDefault();

    /// <summary>Median of <paramref name="values"/> (mean of the middle two for an even count); null when empty.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
