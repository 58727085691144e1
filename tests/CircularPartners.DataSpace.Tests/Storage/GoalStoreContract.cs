using CircularPartners.DataSpace.Domain.Goals;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>What every goal store must do, run against each adapter.</summary>
public abstract class GoalStoreContract
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private protected abstract IGoalStore Store { get; }

    internal static Goal AGoal(string id, string title = "リサイクル率") =>
        new(id, "7100000000001", title, "", ["outlet-circular-use-rate"], "recycling-rate", "quantitative", "%", 2023, 40, 2030, 80, "company", "", Now, Now, false);

    [Fact]
    public async Task SaveGoals_LatestRecordPerIdWins_TombstonesLeftOutOfTheListing()
    {
        await Store.SaveGoalsAsync([AGoal("g1"), AGoal("g2"), AGoal("g3")], CancellationToken.None);
        await Store.SaveGoalsAsync([AGoal("g1", "改訂"), AGoal("g2") with { Deleted = true }], CancellationToken.None);

        Assert.Equal(["g1", "g3"], Store.Goals.Select(g => g.GoalId).Order());
        Assert.Equal("改訂", Store.Find("g1")!.Title);
        Assert.True(Store.Find("g2")!.Deleted);
        Assert.Null(Store.Find("g4"));
    }

    [Fact]
    public async Task SaveReport_SamePeriodAgain_ReplacesIt()
    {
        await Store.SaveReportAsync(new AchievementReport("g1/2025", "g1", "2025", 50, "", Now, "m"), CancellationToken.None);
        await Store.SaveReportAsync(new AchievementReport("g1/2026-H1", "g1", "2026-H1", 55, "", Now, "m"), CancellationToken.None);
        await Store.SaveReportAsync(new AchievementReport("g1/2025", "g1", "2025", 52, "訂正", Now, "m"), CancellationToken.None);

        Assert.Equal([("2025", 52.0), ("2026-H1", 55.0)], Store.ReportsOf("g1").Select(r => (r.Period, r.Value)).Order());
        Assert.Empty(Store.ReportsOf("g2"));
    }
}

public sealed class InMemoryGoalStoreTests : GoalStoreContract
{
    private protected override IGoalStore Store { get; } = new InMemoryGoalStore();
}

public sealed class FileGoalStoreTests : GoalStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();
    private FileGoalStore? _store;

    private protected override IGoalStore Store => _store ??= new FileGoalStore(new FileStoreOptions { DataDirectory = _directory.Path });

    [Fact]
    public async Task Reopen_GoalsTombstonesAndReports_ReadBackAsTheyWere()
    {
        await Store.SaveGoalsAsync([AGoal("g1"), AGoal("g2")], CancellationToken.None);
        await Store.SaveGoalsAsync([AGoal("g2") with { Deleted = true }], CancellationToken.None);
        await Store.SaveReportAsync(new AchievementReport("g1/2025", "g1", "2025", 60, "社内集計", AGoal("g1").SubmittedAt, "m"), CancellationToken.None);
        _store!.Dispose();
        _store = null;

        using var reopened = new FileGoalStore(new FileStoreOptions { DataDirectory = _directory.Path });

        Assert.True(AGoal("g1").SameContentAs(reopened.Goals.Single()));
        Assert.Equal(["outlet-circular-use-rate"], reopened.Goals.Single().Indicators);
        Assert.True(reopened.Find("g2")!.Deleted);
        Assert.Equal(("2025", 60.0, "社内集計"), reopened.ReportsOf("g1").Select(r => (r.Period, r.Value, r.Comment)).Single());
    }

    public void Dispose()
    {
        _store?.Dispose();
        _directory.Dispose();
    }
}
