using System.Text.Json;
using Azure;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Goals;
using CircularPartners.DataSpace.Storage.FileSystem;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// Goals and achievement reports in the shared container, so every secretariat replica answers
/// from the same goals. A goal is one blob, a report one blob per goal and period; each is replaced
/// only over the ETag this replica last saw (If-Match; If-None-Match:* for a new one), so two
/// replicas changing the same record at once never lose a write silently: the second is refused,
/// takes the winner's record in and throws <see cref="ConcurrentUpdateException"/>, and the goal
/// book re-applies its command to it. New goal ids are random, so ids never collide.
/// <para>The domain reads goals synchronously, so each replica keeps a view, loaded before the
/// server accepts calls (<see cref="LoadAsync"/>) and refreshed by <see cref="RefreshAsync"/> every
/// <see cref="PollInterval"/>: one listing per 5,000 records, and a download only of what changed.</para>
/// </summary>
public sealed class AzureBlobGoalStore : IGoalStore
{
    private readonly BlobRecords _blobs;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Goal> _goals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, AchievementReport>> _reports = new(StringComparer.Ordinal);

    /// <summary>The ETag of every record in the view, by blob name.</summary>
    private readonly Dictionary<string, ETag> _etags = new(StringComparer.Ordinal);

    /// <param name="clock">Times retries, timeouts and the circuit breaker; real time in production.</param>
    /// <param name="outage">The container's outage monitor, which reports an outage once for every adapter on it.</param>
    public AzureBlobGoalStore(AzureBlobStoreOptions options, TimeProvider clock, StoreOutageMonitor? outage = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
        _blobs = new BlobRecords(options.CreateContainerClient(), new StoreResilience(options, clock, outage), "goal");
        PollInterval = TimeSpan.FromMilliseconds(options.JournalPollMilliseconds);
    }

    /// <summary>How often the view should be refreshed: the bound on how late another replica's write shows here.</summary>
    public TimeSpan PollInterval { get; }

    public IReadOnlyCollection<Goal> Goals
    {
        get
        {
            lock (_gate)
            {
                return [.. _goals.Values.Where(g => !g.Deleted)];
            }
        }
    }

    public Goal? Find(string goalId)
    {
        lock (_gate)
        {
            return _goals.GetValueOrDefault(goalId);
        }
    }

    public IReadOnlyList<AchievementReport> ReportsOf(string goalId)
    {
        lock (_gate)
        {
            return _reports.TryGetValue(goalId, out var byPeriod) ? [.. byPeriod.Values] : [];
        }
    }

    /// <summary>Creates the container if needed and takes in every record.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _blobs.EnsureContainerAsync(cancellationToken);
        await RefreshAsync(cancellationToken);
    }

    /// <summary>One pass: lists the goals prefix and takes in every record that changed.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var listed = await _blobs.ListAsync(BlobLayout.GoalsPrefix, cancellationToken);
        var changed = listed.Where(b => KnownETag(b.Name) != b.ETag).Select(b => b.Name);
        await Parallel.ForEachAsync(changed, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (name, token) =>
            {
                var seen = KnownETag(name);
                if (await _blobs.DownloadAsync(name, token) is { } stored)
                {
                    TakeIn(name, stored, seen);
                }
            });
    }

    /// <summary>Every goal is written (in parallel, so a large import is not one round trip per row); then any lost race is reported.</summary>
    public async Task SaveGoalsAsync(IReadOnlyCollection<Goal> goals, CancellationToken cancellationToken)
    {
        var lost = new List<string>();
        await Parallel.ForEachAsync(goals, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (goal, token) =>
            {
                if (!await SaveAsync(BlobLayout.Goal(goal.GoalId), JsonSerializer.SerializeToUtf8Bytes(goal, GoalJsonContext.Default.Goal), token))
                {
                    lock (lost)
                    {
                        lost.Add(goal.GoalId);
                    }
                }
            });
        if (lost.Count > 0)
        {
            throw new ConcurrentUpdateException($"Goal(s) {string.Join(", ", lost.Order(StringComparer.Ordinal))} were changed through another replica at the same moment; the others were saved. Retry.");
        }
    }

    public async Task SaveReportAsync(AchievementReport report, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(report, GoalJsonContext.Default.AchievementReport);
        if (!await SaveAsync(BlobLayout.GoalReport(report.GoalId, report.Period), json, cancellationToken))
        {
            throw new ConcurrentUpdateException($"The report for goal '{report.GoalId}' and period '{report.Period}' was changed through another replica at the same moment.");
        }
    }

    /// <summary>Writes over the version this replica saw; whatever is stored afterwards (this write or the winner's) is taken in.</summary>
    private async Task<bool> SaveAsync(string name, byte[] json, CancellationToken cancellationToken)
    {
        var seen = KnownETag(name);
        var (written, stored) = await _blobs.ReplaceAsync(name, json, seen, cancellationToken);
        TakeIn(name, stored, seen);
        return written;
    }

    private ETag KnownETag(string name)
    {
        lock (_gate)
        {
            return _etags.GetValueOrDefault(name);
        }
    }

    /// <summary>Takes the record in, unless a save of this replica overtook the download (the view moved past <paramref name="seen"/>).</summary>
    private void TakeIn(string name, StoredBlob stored, ETag seen)
    {
        try
        {
            var json = stored.Content.ToMemory().Span;
            lock (_gate)
            {
                if (_etags.GetValueOrDefault(name) != seen)
                {
                    return;
                }
                if (name.StartsWith(BlobLayout.GoalReportsPrefix, StringComparison.Ordinal))
                {
                    var report = JsonSerializer.Deserialize(json, GoalJsonContext.Default.AchievementReport)!;
                    if (!_reports.TryGetValue(report.GoalId, out var byPeriod))
                    {
                        _reports[report.GoalId] = byPeriod = new(StringComparer.Ordinal);
                    }
                    byPeriod[report.Period] = report;
                }
                else if (name.StartsWith(BlobLayout.GoalRecordsPrefix, StringComparison.Ordinal))
                {
                    var goal = JsonSerializer.Deserialize(json, GoalJsonContext.Default.Goal)!;
                    _goals[goal.GoalId] = goal;
                }
                _etags[name] = stored.ETag;
            }
        }
        catch (JsonException)
        {
            // A record this version cannot read (written by a newer one) stays out of the view rather than stopping the refresh.
        }
    }
}
