namespace CircularPartners.DataSpace.Domain.Goals;

/// <summary>
/// Durable goals and achievement reports: the latest record per goal id wins (a deleted goal is
/// kept as a tombstone); one report per goal and period, the latest winning.
/// </summary>
public interface IGoalStore
{
    /// <summary>Live goals (tombstones left out).</summary>
    IReadOnlyCollection<Goal> Goals { get; }

    Goal? Find(string goalId);

    /// <summary>The goal's reports, one per period (the latest for each).</summary>
    IReadOnlyList<AchievementReport> ReportsOf(string goalId);

    /// <summary>Saves every goal; all are durable when the task completes.</summary>
    Task SaveGoalsAsync(IReadOnlyCollection<Goal> goals, CancellationToken cancellationToken);

    Task SaveReportAsync(AchievementReport report, CancellationToken cancellationToken);
}
