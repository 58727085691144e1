using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>Two connector replicas sharing one Azure Blob container (Azurite).</summary>
public sealed class ScaleOutTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Owner = "1010001000001";

    internal static Dictionary<string, string> AzureSettings(AzuriteFixture azurite, string container) => new()
    {
        ["Storage:Provider"] = "AzureBlob",
        ["Storage:AzureBlob:ConnectionString"] = azurite.ConnectionString,
        ["Storage:AzureBlob:ContainerName"] = container,
        ["Storage:AzureBlob:JournalPollMilliseconds"] = "50",
    };

    [Fact]
    public async Task Query_PublishedOnOtherReplica_IsFoundWithinBoundedTime()
    {
        var container = AzuriteFixture.NewContainerName();
        using var a = new ConnectorHost(settings: AzureSettings(azurite, container));
        using var b = new ConnectorHost(settings: AzureSettings(azurite, container));
        var onB = b.PassportClient(Owner);
        _ = await onB.QueryAsync(new QueryRequest { Owner = Owner }); // B is up and following before A writes

        var published = await a.PassportClient(Owner).PublishAsync(Passports.Request("battery"));

        Passport? found = null;
        for (var poll = 0; poll < 400 && found is null; poll++)
        {
            var page = await onB.QueryAsync(new QueryRequest { Owner = Owner, PageSize = 100 });
            found = page.Passports.FirstOrDefault(p => p.PassportId == published.PassportId);
            if (found is null)
            {
                await Task.Delay(25);
            }
        }
        Assert.NotNull(found);
        Assert.Equal(published.ContentHash, found.ContentHash);
    }

    [Fact]
    public async Task Query_ReplicaStartedLate_CatchesUp()
    {
        var container = AzuriteFixture.NewContainerName();
        using var a = new ConnectorHost(settings: AzureSettings(azurite, container));
        var first = await a.PassportClient(Owner).PublishAsync(Passports.Request("textile"));
        var updated = await a.PassportClient(Owner).PublishAsync(Passports.Request("textile", id: first.PassportId, edit: b => b["recycledContentPercent"] = 7));

        using var late = new ConnectorHost(settings: AzureSettings(azurite, container));
        var page = await late.PassportClient(Owner).QueryAsync(new QueryRequest { Owner = Owner, PageSize = 100 });

        Assert.Equal(2, Assert.Single(page.Passports, p => p.PassportId == first.PassportId).Version);
        Assert.Equal(updated.ContentHash, page.Passports.Single(p => p.PassportId == first.PassportId).ContentHash);
    }

    [Fact]
    public async Task Publish_500ConflictingUpdatesThroughBothReplicas_LeaveContiguousHistory()
    {
        const int Updates = 500;
        var container = AzuriteFixture.NewContainerName();
        using var a = new ConnectorHost(settings: AzureSettings(azurite, container));
        using var b = new ConnectorHost(settings: AzureSettings(azurite, container));
        var clients = new[] { a.PassportClient(Owner), b.PassportClient(Owner) };
        var id = (await clients[0].PublishAsync(Passports.Request("battery"))).PassportId;
        var claimed = 0;
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<Passport>();

        async Task Worker(int worker)
        {
            var client = clients[worker % 2];
            for (var n = Interlocked.Increment(ref claimed); n <= Updates; n = Interlocked.Increment(ref claimed))
            {
                var request = Passports.Request("battery", id: id, edit: body => body["recycledContentPercent"] = n / 10.0);
                while (true)
                {
                    request.ExpectedVersion = (await client.GetAsync(new GetPassportRequest { PassportId = id })).Version;
                    try
                    {
                        acknowledged.Add(await client.PublishAsync(request));
                        break;
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.Aborted)
                    {
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(Worker));

        var history = (await clients[1].HistoryAsync(new HistoryRequest { PassportId = id })).Versions;
        Assert.Equal(Enumerable.Range(1, Updates + 1).Select(v => (long)v), history.Select(v => v.Version));
        Assert.Equal(Updates, acknowledged.Count);
        Assert.Equal(acknowledged.Select(p => p.Version).Order(), history.Skip(1).Select(v => v.Version));
        Assert.Equal(Updates, history.Skip(1).Select(v => v.ContentHash).Distinct().Count());
        Assert.All(acknowledged, ack => Assert.Equal(ack.ContentHash, history[(int)ack.Version - 1].ContentHash));
    }
}
