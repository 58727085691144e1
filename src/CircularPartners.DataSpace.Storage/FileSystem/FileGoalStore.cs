using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using CircularPartners.DataSpace.Domain.Goals;

namespace CircularPartners.DataSpace.Storage.FileSystem;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Goal))]
[JsonSerializable(typeof(AchievementReport))]
internal sealed partial class GoalJsonContext : JsonSerializerContext;

/// <summary>
/// Goals and achievement reports under <c>{DataDirectory}/goals</c>: two journals, the latest
/// record per goal id (and per goal and period) winning when they are read back.
/// </summary>
public sealed class FileGoalStore : IGoalStore, IDisposable
{
    private readonly JsonLinesFile<Goal> _goalFile;
    private readonly JsonLinesFile<AchievementReport> _reportFile;
    private readonly ConcurrentDictionary<string, Goal> _goals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, AchievementReport>> _reports = new(StringComparer.Ordinal);

    public FileGoalStore(FileStoreOptions options)
    {
        var directory = Path.Combine(options.DataDirectory, "goals");
        _goalFile = new(Path.Combine(directory, "goals.jsonl"), GoalJsonContext.Default.Goal);
        _reportFile = new(Path.Combine(directory, "reports.jsonl"), GoalJsonContext.Default.AchievementReport);
        foreach (var goal in _goalFile.ReadAll())
        {
            _goals[goal.GoalId] = goal;
        }
        foreach (var report in _reportFile.ReadAll())
        {
            Remember(report);
        }
    }

    public IReadOnlyCollection<Goal> Goals => [.. _goals.Values.Where(g => !g.Deleted)];

    public Goal? Find(string goalId) => _goals.GetValueOrDefault(goalId);

    public IReadOnlyList<AchievementReport> ReportsOf(string goalId) =>
        _reports.TryGetValue(goalId, out var byPeriod) ? [.. byPeriod.Values] : [];

    public async Task SaveGoalsAsync(IReadOnlyCollection<Goal> goals, CancellationToken cancellationToken)
    {
        // Appended together, so a large import shares one flush of the journal.
        await Task.WhenAll(goals.Select(g => _goalFile.AppendAsync(g, cancellationToken)));
        foreach (var goal in goals)
        {
            _goals[goal.GoalId] = goal;
        }
    }

    public async Task SaveReportAsync(AchievementReport report, CancellationToken cancellationToken)
    {
        await _reportFile.AppendAsync(report, cancellationToken);
        Remember(report);
    }

    private void Remember(AchievementReport report) =>
        _reports.GetOrAdd(report.GoalId, _ => new(StringComparer.Ordinal))[report.Period] = report;

    public void Dispose()
    {
        _goalFile.Dispose();
        _reportFile.Dispose();
    }
}
