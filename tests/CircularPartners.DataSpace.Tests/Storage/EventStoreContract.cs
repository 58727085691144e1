using CircularPartners.DataSpace.Domain.Events;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IEventStore"/> must have. <see cref="Peer"/> is the store as
/// another replica sees it (a second instance on the same data where replicas share it; the same
/// instance where there is one writer).
/// </summary>
public abstract class EventStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    protected IEventStore Store { get; private set; } = null!;
    protected IEventStore Peer { get; private set; } = null!;

    protected abstract IEventStore Open();

    protected abstract IEventStore OpenPeer(IEventStore store);

    protected abstract void Close(IEventStore store);

    public Task InitializeAsync()
    {
        Store = Open();
        Peer = OpenPeer(Store);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        if (!ReferenceEquals(Peer, Store))
        {
            Close(Peer);
        }
        Close(Store);
        return Task.CompletedTask;
    }

    protected static LifecycleEvent Event(string passportId, string author = "5010001000005", string json = "{\"type\":\"collected\"}", int minute = 0) =>
        new("event-" + Guid.NewGuid().ToString("N"), passportId, author, "collected", json, "sig", null, T0.AddMinutes(minute));

    [Fact]
    public async Task Append_ThenForAsync_ListsTheEventOnItsPassportOnly()
    {
        var appended = await Store.AppendAsync(Event("p-1"), default);
        await Store.AppendAsync(Event("p-2"), default);

        Assert.False(appended.Replayed);
        Assert.Equal(appended.Event, Assert.Single(await Store.ForAsync("p-1", default)));
        Assert.Empty(await Store.ForAsync("p-none", default));
    }

    [Fact]
    public async Task Append_ThroughOneReplica_IsListedThroughTheOther()
    {
        var appended = await Store.AppendAsync(Event("p-shared"), default);

        Assert.Equal(appended.Event, Assert.Single(await Peer.ForAsync("p-shared", default)));
    }

    [Fact]
    public async Task ForAsync_SeveralEvents_InTheOrderRecorded()
    {
        var first = await Store.AppendAsync(Event("p-order", json: "{\"n\":1}", minute: 1), default);
        var second = await Peer.AppendAsync(Event("p-order", json: "{\"n\":2}", minute: 2), default);
        var third = await Store.AppendAsync(Event("p-order", json: "{\"n\":3}", minute: 3), default);

        Assert.Equal([first.Event.EventId, second.Event.EventId, third.Event.EventId], (await Peer.ForAsync("p-order", default)).Select(e => e.EventId));
    }

    [Fact]
    public async Task AllAsync_ListsEveryPassportsEventsThroughEitherReplica()
    {
        var one = await Store.AppendAsync(Event("p-all-1"), default);
        var two = await Peer.AppendAsync(Event("p-all-2"), default);

        var all = await Peer.AllAsync(default);

        Assert.Equal(all.Select(e => e.EventId).Order(StringComparer.Ordinal), new[] { one.Event.EventId, two.Event.EventId }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Append_SameAuthorSameDocumentTwice_IsRecordedOnceAndAnsweredAsReplay()
    {
        var original = await Store.AppendAsync(Event("p-replay"), default);

        var replay = await Peer.AppendAsync(Event("p-replay", minute: 5), default);

        Assert.True(replay.Replayed);
        Assert.Equal(original.Event, replay.Event);
        Assert.Single(await Store.ForAsync("p-replay", default));
    }

    [Fact]
    public async Task Append_SameDocumentByAnotherAuthor_IsAnotherEvent()
    {
        await Store.AppendAsync(Event("p-two", author: "5010001000005"), default);
        var other = await Store.AppendAsync(Event("p-two", author: "5020002000002"), default);

        Assert.False(other.Replayed);
        Assert.Equal(2, (await Store.ForAsync("p-two", default)).Count);
    }

    [Fact]
    public async Task Append_SameEventThroughBothReplicasAtOnce_IsRecordedOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? Store : Peer).AppendAsync(Event("p-race", minute: i), default)));

        Assert.Single(results, r => !r.Replayed);
        Assert.Single(results.Select(r => r.Event.EventId).Distinct());
        Assert.Single(await Peer.ForAsync("p-race", default));
    }
}

public sealed class FileEventStoreTests : EventStoreContract, IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly HashSet<IEventStore> _closed = [];

    protected override IEventStore Open() => new FileEventStore(new FileStoreOptions { DataDirectory = _data.Path });

    // One process writes the file store: it is its own peer.
    protected override IEventStore OpenPeer(IEventStore store) => store;

    protected override void Close(IEventStore store)
    {
        if (_closed.Add(store))
        {
            ((FileEventStore)store).Dispose();
        }
    }

    [Fact]
    public async Task Append_ThenReopen_EventSurvives()
    {
        var appended = await Store.AppendAsync(Event("p-durable"), default);
        Close(Store);

        using var reopened = new FileEventStore(new FileStoreOptions { DataDirectory = _data.Path });

        Assert.Equal(appended.Event, Assert.Single(await reopened.ForAsync("p-durable", default)));
        Assert.True((await reopened.AppendAsync(Event("p-durable"), default)).Replayed);
    }

    public void Dispose() => _data.Dispose();
}

public sealed class AzureBlobEventStoreTests(AzuriteFixture azurite) : EventStoreContract, IClassFixture<AzuriteFixture>
{
    private readonly AzureBlobStoreOptions _options = new() { ConnectionString = azurite.ConnectionString, ContainerName = AzuriteFixture.NewContainerName() };

    protected override IEventStore Open() => new AzureBlobEventStore(_options, TimeProvider.System);

    protected override IEventStore OpenPeer(IEventStore store) => new AzureBlobEventStore(_options, TimeProvider.System);

    protected override void Close(IEventStore store)
    {
    }
}
