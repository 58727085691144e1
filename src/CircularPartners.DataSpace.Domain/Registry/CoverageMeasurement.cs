using CircularPartners.DataSpace.Domain.Events;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Domain.Registry;

/// <summary>
/// What one connector reports to the coverage map: how many of its passports and lifecycle events
/// fall in each category × lifecycle stage. Only counts are produced, never passport ids.
/// </summary>
/// <remarks>
/// A passport counts once, at the stage its latest lifecycle event puts it in (a recycler's
/// "recycled" is newer than what the maker published), else at the stage its body states
/// (<c>/lifecycleStage</c>), else at manufacturing: a product with a passport has been made.
/// Withdrawn passports are not counted. Each event counts at its own stage, in its passport's category.
/// A passport without a usable category counts under <see cref="Uncategorised"/>.
/// </remarks>
public static class CoverageMeasurement
{
    public const string Uncategorised = "uncategorised";

    public static IReadOnlyList<CoverageCount> Measure(IEnumerable<PassportRecord> latest, Func<string, IReadOnlyList<LifecycleEvent>> eventsOf)
    {
        var cells = new Dictionary<(string Category, LifecycleStage Stage), (long Passports, long Events)>();
        foreach (var passport in latest)
        {
            var category = CategoryOf(passport.Facets.Category);
            var events = eventsOf(passport.PassportId);
            foreach (var lifecycleEvent in events)
            {
                if (StageOfEvent(lifecycleEvent.Type) is { } eventStage)
                {
                    Add(cells, (category, eventStage), passports: 0, events: 1);
                }
            }
            if (passport.Status != PassportStatus.Active)
            {
                continue;
            }
            var latestEvent = events.Where(e => StageOfEvent(e.Type) is not null).MaxBy(e => e.RecordedAt);
            var stage = latestEvent is not null ? StageOfEvent(latestEvent.Type)!.Value
                : passport.Facets.Stage is { } stated && LifecycleStages.TryParse(stated, out var parsed) ? parsed
                : LifecycleStage.Manufacturing;
            Add(cells, (category, stage), passports: 1, events: 0);
        }
        return [.. cells.OrderBy(c => c.Key.Category, StringComparer.Ordinal).ThenBy(c => c.Key.Stage)
            .Select(c => new CoverageCount(c.Key.Category, c.Key.Stage, c.Value.Passports, c.Value.Events))];
    }

    /// <summary>The stage a lifecycle event type belongs to; null for a type with no stage.</summary>
    public static LifecycleStage? StageOfEvent(string type) => type switch
    {
        "collected" or "sorted" => LifecycleStage.Collection,
        "repaired" or "refurbished" or "remanufactured" => LifecycleStage.SecondaryUse,
        "recycled" => LifecycleStage.Recycling,
        "disposed" => LifecycleStage.FinalDisposal,
        _ => null,
    };

    private static string CategoryOf(string category)
    {
        var path = category.Trim().ToLowerInvariant();
        return RegistryRules.IsCategoryPath(path) ? path : Uncategorised;
    }

    private static void Add(Dictionary<(string, LifecycleStage), (long Passports, long Events)> cells, (string, LifecycleStage) key, long passports, long events)
    {
        var (p, e) = cells.GetValueOrDefault(key);
        cells[key] = (p + passports, e + events);
    }
}
