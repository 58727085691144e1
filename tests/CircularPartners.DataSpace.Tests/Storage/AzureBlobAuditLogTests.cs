using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>Replicas sharing one audit chain in one container (Azurite): what only a shared store has to get right.</summary>
public sealed class AzureBlobAuditLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private AzureBlobAuditLog Replica(string container, int segmentEntries = 10, TimeProvider? time = null) =>
        new(AzureBlobAuditLogContractTests.Options(azurite, container), time ?? TimeProvider.System, TimeProvider.System, segmentEntries: segmentEntries);

    /// <summary>
    /// Two replicas can seal byte-identical entries at the same place (same read, same instant):
    /// the loser must not take the winner's block for its own, or its records are lost.
    /// </summary>
    [Fact]
    public async Task AppendAsync_IdenticalDraftsFromTwoReplicasAtTheSameInstant_EveryOneIsRecorded()
    {
        var container = AzuriteFixture.NewContainerName();
        var frozen = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        using var a = Replica(container, time: frozen);
        using var b = Replica(container, time: frozen);
        await a.LoadAsync(default);
        await b.LoadAsync(default);

        var appended = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).AppendAsync(AuditLogContract.Draft(), default))));

        var read = await a.ReadAsync(null, 1, 1000, default);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), appended.Select(e => e.Sequence).Order());
        Assert.Equal(appended.OrderBy(e => e.Sequence).Select(e => e.Hash), read.Select(e => e.Hash));
    }

    [Fact]
    public async Task AppendAsync_TwoReplicasConcurrently_OneChainWithoutFork_EachSeesEveryEntry()
    {
        var container = AzuriteFixture.NewContainerName();
        using var a = Replica(container);
        using var b = Replica(container);
        await a.LoadAsync(default);
        await b.LoadAsync(default);

        // Bursts from both at once, so groups race for the same positions and segment boundaries.
        var appended = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).AppendAsync(AuditLogContract.Draft(actor: i % 2 == 0 ? "via-a" : "via-b", i: i), default))));

        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), appended.Select(e => e.Sequence).Order());
        foreach (var replica in new[] { a, b })
        {
            var read = await replica.ReadAsync(null, 1, 1000, default);
            Assert.Equal(appended.OrderBy(e => e.Sequence).Select(e => e.Hash), read.Select(e => e.Hash));
            var verification = await replica.VerifyAsync(null, default);
            Assert.True(verification.Intact, verification.Problem);
            Assert.Equal(300, verification.Entries);
        }
    }

    [Fact]
    public async Task Head_AfterAnotherReplicaAppends_FollowsWithinAPoll()
    {
        var container = AzuriteFixture.NewContainerName();
        using var a = Replica(container, segmentEntries: 3);
        using var b = Replica(container, segmentEntries: 3);
        await a.LoadAsync(default);
        await b.LoadAsync(default);
        using var following = new CancellationTokenSource();
        var follow = b.FollowAsync(following.Token);

        AuditEntry last = null!;
        for (var i = 0; i < 8; i++)
        {
            last = await a.AppendAsync(AuditLogContract.Draft(i: i), default);
        }
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (b.Head?.Hash != last.Hash)
        {
            await Task.Delay(50, hangGuard.Token);
        }
        var next = await b.AppendAsync(AuditLogContract.Draft(i: 8), default);

        await following.CancelAsync();
        await follow;
        Assert.Equal((9L, last.Hash), (next.Sequence, next.PreviousHash));
    }

    [Fact]
    public async Task AppendAsync_StaleReplica_ResealsAfterTheOtherReplicasEntries()
    {
        var container = AzuriteFixture.NewContainerName();
        using var a = Replica(container, segmentEntries: 4);
        using var b = Replica(container, segmentEntries: 4);
        await a.LoadAsync(default);
        await b.LoadAsync(default);

        for (var i = 0; i < 6; i++)
        {
            await a.AppendAsync(AuditLogContract.Draft(i: i), default); // b does not follow: its view stays empty
        }
        var fromB = await b.AppendAsync(AuditLogContract.Draft(actor: "via-b"), default);

        var read = await a.ReadAsync(null, 1, 100, default);
        Assert.Equal(7, fromB.Sequence);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), read.Select(e => e.Sequence));
        Assert.Equal(fromB.Hash, read[^1].Hash);
        Assert.True((await a.VerifyAsync(null, default)).Intact);
    }
}

/// <summary>An audit log whose store goes away: calls fail, and the outage is reported once each way.</summary>
public sealed class AzureBlobAuditOutageTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    [Fact]
    public async Task AppendAsync_StoreDown_FailsUnavailable_OutageReportedOnceWhenItBeginsAndOnceWhenItEnds()
    {
        var observer = new RecordingObserver();
        var options = new AzureBlobStoreOptions
        {
            ConnectionString = _azurite.ConnectionString, ContainerName = AzuriteFixture.NewContainerName(), MaxRetries = 0, BreakSeconds = 1, AttemptTimeoutSeconds = 2,
        };
        using var log = new AzureBlobAuditLog(options, TimeProvider.System, TimeProvider.System, new StoreOutageMonitor("test container", TimeProvider.System, observer));
        await log.LoadAsync(default);
        var before = await log.AppendAsync(AuditLogContract.Draft(), default);

        _azurite.Stop();
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => log.AppendAsync(AuditLogContract.Draft(i: i), default));
        }
        Assert.Equal((1, 0), (observer.Began, observer.Ended));

        await _azurite.Start();
        AuditEntry? after = null;
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (after is null)
        {
            try
            {
                after = await log.AppendAsync(AuditLogContract.Draft(), default);
            }
            catch (StoreUnavailableException)
            {
                await Task.Delay(200, hangGuard.Token); // the circuit stays open for BreakSeconds
            }
        }

        // An outage ends once the store has answered steadily (StoreOutageMonitor.Steady).
        while (observer.Ended == 0)
        {
            await log.ReadAsync(null, 0, 1, hangGuard.Token);
            await Task.Delay(200, hangGuard.Token);
        }
        Assert.Equal((1, 1), (observer.Began, observer.Ended));
        Assert.Equal((2L, before.Hash), (after.Sequence, after.PreviousHash)); // the failed appends left nothing in the chain
        Assert.True((await log.VerifyAsync(null, default)).Intact);
    }

    private sealed class RecordingObserver : IStoreOutageObserver
    {
        public int Began { get; private set; }

        public int Ended { get; private set; }

        public void OutageStarted(string store, string cause) => Began++;

        public void OutageEnded(string store, TimeSpan duration, long failedCalls) => Ended++;
    }
}
