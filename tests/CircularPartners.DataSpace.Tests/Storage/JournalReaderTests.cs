using System.Collections.Concurrent;
using Azure.Core;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>How a replica takes in a backlog of other replicas' writes from the change journal.</summary>
public sealed class JournalReaderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Follow_BacklogOfVersions_LooksThemUpInParallelAndReleasesInJournalOrderAsItGoes()
    {
        var container = AzuriteFixture.NewContainerName();
        await using (var writer = new AzureBlobPassportStore(new AzureBlobStoreOptions { ConnectionString = azurite.ConnectionString, ContainerName = container }, TimeProvider.System))
        {
            for (var i = 0; i < 120; i++)
            {
                await writer.AppendAsync(PassportStoreContract.Version($"backlog-{i:D3}", json: $"{{\"n\":{i}}}"), 0, default);
            }
        }
        var events = new ConcurrentQueue<string>();
        var inFlight = 0;
        var mostInFlight = 0;
        var probe = new StorageProbe
        {
            Sending = async message =>
            {
                if (message.Request.Method == RequestMethod.Get && StorageProbe.IsVersionBlob(message))
                {
                    var now = Interlocked.Increment(ref inFlight);
                    InterlockedMax(ref mostInFlight, now);
                    events.Enqueue("lookup");
                    await Task.Delay(10); // long enough for concurrent lookups to overlap
                    Interlocked.Decrement(ref inFlight);
                }
            },
        };
        var options = new AzureBlobStoreOptions { ConnectionString = azurite.ConnectionString, ContainerName = container, JournalPollMilliseconds = 20 };
        probe.AddTo(options);
        await using var follower = new AzureBlobPassportStore(options, TimeProvider.System);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var released = new List<string>();

        await foreach (var record in follower.FollowAsync(guard.Token))
        {
            events.Enqueue("release");
            released.Add(record.PassportId);
            if (released.Count == 120)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"backlog-{i:D3}"), released);
        Assert.InRange(mostInFlight, 2, 32);
        var order = events.ToList();
        Assert.True(order.IndexOf("release") < order.LastIndexOf("lookup"), "The first version was released only after every lookup had started.");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
