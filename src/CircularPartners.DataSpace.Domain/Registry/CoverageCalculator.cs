namespace CircularPartners.DataSpace.Domain.Registry;

/// <summary>
/// Builds the declared and measured coverage map from a registry snapshot. Rules:
/// a use case declaring a category covers everything below it; a reported category counts in
/// the deepest registered category at or above it (or as its own, unregistered row); measured
/// totals of a row include the rows below it, the passport query's rule.
/// </summary>
public static class CoverageCalculator
{
    public static CoverageMap Compute(RegistrySnapshot snapshot, DateTimeOffset now)
    {
        var registered = snapshot.Categories.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var own = new Dictionary<(string, LifecycleStage), Tally>();
        var unregistered = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var report in snapshot.Reports)
        {
            foreach (var count in report.Counts)
            {
                var row = RowOf(count.Category, registered);
                if (!registered.Contains(row))
                {
                    unregistered.Add(row);
                }
                var key = (row, count.Stage);
                own[key] = (own.TryGetValue(key, out var tally) ? tally : Tally.Zero).Add(report.ParticipantId, count);
            }
        }

        var rows = snapshot.Categories.Concat(unregistered.Select(id => new Category(id, "", id))).ToList();
        var cells = new List<CoverageCell>(rows.Count * LifecycleStages.All.Count);
        foreach (var row in rows)
        {
            foreach (var stage in LifecycleStages.All)
            {
                var mine = own.TryGetValue((row.Id, stage), out var t) ? t : Tally.Zero;
                var total = own.Where(kv => kv.Key.Item2 == stage && Category.Covers(row.Id, kv.Key.Item1))
                    .Aggregate(Tally.Zero, (sum, kv) => sum.Merge(kv.Value));
                var declared = snapshot.UseCases
                    .Where(u => u.Stages.Contains(stage) && u.CategoryIds.Any(c => Category.Covers(c, row.Id)))
                    .Select(u => new DeclaredUseCase(u.Id, u.Status))
                    .ToList();
                cells.Add(new CoverageCell(row.Id, stage, declared, total.Passports, total.Events, total.Members.Count,
                    mine.Passports, mine.Events, mine.Members.Count));
            }
        }
        return new CoverageMap(rows, [.. unregistered], cells, snapshot.Reports.Count, now);
    }

    /// <summary>Uncovered cells, most members first, then most passports and events, then map order.</summary>
    public static IReadOnlyList<CoverageGap> Gaps(CoverageMap map, int limit) =>
        map.Cells
            .Select((cell, order) => (cell, order))
            .Where(x => !x.cell.IsDeclared)
            .OrderByDescending(x => x.cell.OwnMembers)
            .ThenByDescending(x => x.cell.OwnPassports)
            .ThenByDescending(x => x.cell.OwnLifecycleEvents)
            .ThenBy(x => x.order)
            .Take(limit <= 0 ? int.MaxValue : limit)
            .Select(x => new CoverageGap(x.cell.Category, x.cell.Stage, x.cell.OwnMembers, x.cell.OwnPassports, x.cell.OwnLifecycleEvents))
            .ToList();

    /// <summary>The deepest registered category at or above <paramref name="category"/>, else the category itself.</summary>
    public static string RowOf(string category, IReadOnlySet<string> registered)
    {
        for (var candidate = category; candidate.Length > 0; candidate = candidate.LastIndexOf('/') is var i and > 0 ? candidate[..i] : "")
        {
            if (registered.Contains(candidate))
            {
                return candidate;
            }
        }
        return category;
    }

    private sealed record Tally(long Passports, long Events, IReadOnlySet<string> Members)
    {
        public static readonly Tally Zero = new(0, 0, new HashSet<string>());

        public Tally Add(string member, CoverageCount count) => new(
            Passports + count.Passports,
            Events + count.LifecycleEvents,
            count.Passports + count.LifecycleEvents > 0 ? new HashSet<string>(Members) { member } : Members);

        public Tally Merge(Tally other) => new(Passports + other.Passports, Events + other.Events, Members.Union(other.Members).ToHashSet());
    }
}
