using CircularPartners.DataSpace.Domain.Events;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Registry;

namespace CircularPartners.DataSpace.Tests.Registry;

/// <summary>The rules by which a connector counts its own data for the coverage map.</summary>
public sealed class CoverageMeasurementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static PassportRecord Passport(string id, string category, string? stage, PassportStatus status = PassportStatus.Active) =>
        new(id, 1, "owner", "textile/1.0", "hash", Now, Now, status, "", null, PassportFacets.Empty with { Category = category, Stage = stage });

    private static LifecycleEvent Event(string passportId, string type, int minutes) =>
        new("event-" + Guid.NewGuid(), passportId, "recycler", type, "{}", "sig", null, Now.AddMinutes(minutes));

    private static string[] Cells(IReadOnlyList<CoverageCount> counts) =>
        [.. counts.Select(c => $"{c.Category} {LifecycleStages.Name(c.Stage)} {c.Passports} {c.LifecycleEvents}")];

    [Fact]
    public void Measure_LatestEventOverStatedStageOverManufacturing_CountsEachPassportOnce()
    {
        var events = new Dictionary<string, IReadOnlyList<LifecycleEvent>>
        {
            ["a"] = [Event("a", "recycled", 2), Event("a", "collected", 1)],
        };

        var counts = CoverageMeasurement.Measure(
            [Passport("a", "textiles/apparel", "use"), Passport("b", "textiles/apparel", "use"), Passport("c", "textiles/apparel", "")],
            id => events.GetValueOrDefault(id, []));

        Assert.Equal(
            ["textiles/apparel manufacturing 1 0", "textiles/apparel use 1 0", "textiles/apparel collection 0 1", "textiles/apparel recycling 1 1"],
            Cells(counts));
    }

    [Fact]
    public void Measure_WithdrawnPassport_KeepsItsEventsButIsNotCounted()
    {
        var counts = CoverageMeasurement.Measure([Passport("w", "steel", "use", PassportStatus.Withdrawn)], _ => [Event("w", "disposed", 1)]);

        Assert.Equal(["steel final_disposal 0 1"], Cells(counts));
    }

    [Fact]
    public void Measure_NoOrMalformedCategory_CountsAsUncategorised()
    {
        var counts = CoverageMeasurement.Measure([Passport("x", "", null), Passport("y", "Textiles / Apparel", null)], _ => []);

        Assert.Equal(["uncategorised manufacturing 2 0"], Cells(counts));
    }
}
