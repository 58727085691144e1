using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Goals;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Membership;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>The goal-store contract on Azure Blob (Azurite), and what two replicas on one container must do.</summary>
public sealed class AzureBlobGoalStoreTests(AzuriteFixture azurite) : GoalStoreContract, IClassFixture<AzuriteFixture>
{
    private const string Owner = "7100000000001";
    private readonly AzureBlobStoreOptions _options = new() { ConnectionString = azurite.ConnectionString, ContainerName = AzuriteFixture.NewContainerName() };
    private AzureBlobGoalStore? _store;

    private protected override IGoalStore Store => _store ??= new AzureBlobGoalStore(_options, TimeProvider.System);

    private async Task<AzureBlobGoalStore> ReplicaAsync()
    {
        var replica = new AzureBlobGoalStore(_options, TimeProvider.System);
        await replica.LoadAsync(default);
        return replica;
    }

    [Fact]
    public async Task Refresh_GoalsAndReportsSavedThroughAnotherReplica_ShowsThemAndTombstones()
    {
        var a = await ReplicaAsync();
        var b = await ReplicaAsync();
        await a.SaveGoalsAsync([AGoal("g1"), AGoal("g2")], default);
        await a.SaveGoalsAsync([AGoal("g2") with { Deleted = true }], default);
        await a.SaveReportAsync(new AchievementReport("g1/2025", "g1", "2025", 60, "", AGoal("g1").SubmittedAt, Owner), default);

        await b.RefreshAsync(default);

        Assert.Equal("g1", Assert.Single(b.Goals).GoalId);
        Assert.True(b.Find("g2")!.Deleted);
        Assert.Equal(60, Assert.Single(b.ReportsOf("g1")).Value);
    }

    [Fact]
    public async Task SaveGoals_SameGoalOnAStaleReplica_IsRefusedAndTakesTheWinnerIn()
    {
        var a = await ReplicaAsync();
        await a.SaveGoalsAsync([AGoal("g1")], default);
        var b = await ReplicaAsync();
        await a.SaveGoalsAsync([AGoal("g1", "Aの改訂")], default);

        await Assert.ThrowsAsync<ConcurrentUpdateException>(() => b.SaveGoalsAsync([AGoal("g1", "Bの改訂")], default));

        Assert.Equal("Aの改訂", b.Find("g1")!.Title);
        var fresh = await ReplicaAsync();
        Assert.Equal("Aの改訂", fresh.Find("g1")!.Title);
    }

    [Fact]
    public async Task SaveGoals_NewGoalsOnTwoReplicasAtOnce_BothKept()
    {
        var a = await ReplicaAsync();
        var b = await ReplicaAsync();

        await Task.WhenAll(a.SaveGoalsAsync([.. Enumerable.Range(0, 20).Select(i => AGoal($"a{i}"))], default),
            b.SaveGoalsAsync([.. Enumerable.Range(0, 20).Select(i => AGoal($"b{i}"))], default));

        Assert.Equal(40, (await ReplicaAsync()).Goals.Count);
    }

    [Fact]
    public async Task UpdateGoal_OnAReplicaThatMissedAnotherReplicasClassification_KeepsTheClassificationAndTheEdit()
    {
        var members = new InMemoryMembershipStore();
        await members.SaveParticipantAsync(new Participant(Owner, "東海化学", "company", "chemicals", ["arterial"], "", [], true, DateTimeOffset.UnixEpoch, null), default);
        var secretariat = new Caller("9000001000009", new HashSet<string>(["secretariat"]));
        var member = new Caller(Owner, new HashSet<string>(["arterial"]));
        using var bookA = new GoalBook(await ReplicaAsync(), members, TimeProvider.System);
        var storeB = await ReplicaAsync();
        using var bookB = new GoalBook(storeB, members, TimeProvider.System);
        var created = await bookA.CreateAsync(member, AGoal(""), default);
        await storeB.RefreshAsync(default);

        await bookA.ClassifyAsync(secretariat, created.GoalId, ["outlet-circular-use-rate", "final-disposal-amount"], default);
        var edited = await bookB.UpdateAsync(member, AGoal(created.GoalId, "埋立ゼロ"), default);

        Assert.Equal("埋立ゼロ", edited.Title);
        Assert.Equal(["outlet-circular-use-rate", "final-disposal-amount"], edited.Indicators);
        var stored = (await ReplicaAsync()).Find(created.GoalId)!;
        Assert.Equal("埋立ゼロ", stored.Title);
        Assert.Equal(edited.Indicators, stored.Indicators);
    }
}
