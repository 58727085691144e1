using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>PublishBulk acknowledges records while the stream runs; publishing the current content again writes nothing.</summary>
public sealed class PublishBulkTests : IClassFixture<ConnectorHostFixture>
{
    private readonly ConnectorHost _host;

    public PublishBulkTests(ConnectorHostFixture fixture) => _host = fixture.Host;

    [Fact]
    public async Task Publish_IdenticalContentAgain_ReturnsCurrentVersionAndWritesNothing()
    {
        var client = _host.PassportClient();
        var request = Passports.Request("battery");
        var first = await client.PublishAsync(request);
        var before = StoreFileLengths();

        // The same document with its keys in another order: canonically identical.
        var reordered = System.Text.Json.Nodes.JsonNode.Parse(request.Json)!.AsObject().OrderByDescending(p => p.Key)
            .ToDictionary(p => p.Key, p => p.Value?.DeepClone());
        var again = await client.PublishAsync(new PublishRequest(request) { Json = System.Text.Json.JsonSerializer.Serialize(reordered) });
        var retriedCreate = await client.PublishAsync(new PublishRequest(request) { ExpectedVersion = 0 });

        Assert.Equal(1, again.Version);
        Assert.True(again.Unchanged);
        Assert.Equal(first.ContentHash, again.ContentHash);
        Assert.Equal(first.PublishedAt, again.PublishedAt);
        Assert.True(retriedCreate.Unchanged);
        Assert.Equal(before, StoreFileLengths());
        var history = await client.HistoryAsync(new HistoryRequest { PassportId = request.PassportId });
        Assert.Single(history.Versions);
    }

    [Fact]
    public async Task Publish_SameNewPassportManyTimesAtOnce_OneWriteTheRestUnchanged()
    {
        var client = _host.PassportClient();
        var request = Passports.Request("textile");

        // Retries racing their original: the losers of the "must not exist" append find their content in place.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PublishAsync(request).ResponseAsync));

        Assert.All(answers, a => Assert.Equal(1, a.Version));
        Assert.Single(answers, a => !a.Unchanged);
        Assert.Single((await client.HistoryAsync(new HistoryRequest { PassportId = request.PassportId })).Versions);
    }

    [Fact]
    public async Task Publish_IdenticalContentAfterAnotherChange_ExpectingTheOldVersion_IsAborted()
    {
        var client = _host.PassportClient();
        var original = Passports.Request("battery");
        var changed = Passports.Request("battery", id: original.PassportId, edit: body => body["recycledContentPercent"] = 42);
        await client.PublishAsync(original);
        await client.PublishAsync(changed);
        var back = await client.PublishAsync(original);

        await RpcAssert.FailsWith(StatusCode.Aborted, () => client.PublishAsync(new PublishRequest(changed) { ExpectedVersion = 1 }).ResponseAsync);

        Assert.False(back.Unchanged);
        Assert.Equal(3, back.Version);
    }

    [Fact]
    public async Task PublishBulk_AcknowledgementsArriveBeforeTheClientCompletes()
    {
        var client = _host.PassportClient();
        var records = Enumerable.Range(0, 40).Select(i => Passports.Request(Passports.UseCases[i % 5])).ToList();
        using var call = client.PublishBulk();

        foreach (var record in records)
        {
            await call.RequestStream.WriteAsync(record);
        }
        // A guard against hanging, not a timing assertion: acks that only came at the end would never arrive here.
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var acks = new List<PublishResult>();
        while (acks.Count < records.Count && await call.ResponseStream.MoveNext(hangGuard.Token))
        {
            acks.Add(call.ResponseStream.Current);
        }
        await call.RequestStream.CompleteAsync();
        var more = await call.ResponseStream.MoveNext(hangGuard.Token);

        Assert.False(more);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal(Enumerable.Range(0, records.Count), acks.Select(a => a.Index).Order());
        foreach (var ack in acks)
        {
            Assert.Equal(records[ack.Index].PassportId, ack.Passport.PassportId);
            Assert.Equal(1, ack.Passport.Version);
            Assert.Equal(64, ack.Passport.ContentHash.Length);
            Assert.False(ack.Passport.Unchanged);
            var stored = await client.GetAsync(new GetPassportRequest { PassportId = ack.PassportId });
            Assert.Equal(ack.Passport.ContentHash, stored.ContentHash);
        }
    }

    [Fact]
    public async Task PublishBulk_SentAgainWithSomeChanged_OnlyTheChangedOnesGetANewVersion()
    {
        var client = _host.PassportClient();
        var records = Enumerable.Range(0, 30).Select(_ => Passports.Request("battery")).ToList();
        await PublishBulkAsync(client, records);
        var bad = Passports.Request("cmp", edit: body => body["product"]!["category"] = "Not A Category");
        var again = records.Select((r, i) => i % 3 == 0
            ? Passports.Request("battery", id: r.PassportId, edit: body => body["recycledContentPercent"] = 42)
            : r).Append(bad).ToList();

        var results = await PublishBulkAsync(client, again);

        Assert.Equal(again.Count, results.Count);
        Assert.All(results.Where(r => r.Index < records.Count), r =>
        {
            Assert.Equal(r.Index % 3 == 0 ? 2 : 1, r.Passport.Version);
            Assert.Equal(r.Index % 3 != 0, r.Passport.Unchanged);
        });
        Assert.Equal((int)StatusCode.InvalidArgument, results.Single(r => r.Index == records.Count).Error.Code);
    }

    [Fact]
    public async Task PublishBulk_SamePassportTwiceInOneStream_VersionsFollowStreamOrder()
    {
        var client = _host.PassportClient();
        var first = Passports.Request("battery");
        var second = Passports.Request("battery", id: first.PassportId, edit: body => body["recycledContentPercent"] = 42);

        var results = await PublishBulkAsync(client, [first, second, first]);

        Assert.Equal([1L, 2L, 3L], results.OrderBy(r => r.Index).Select(r => r.Passport.Version));
    }

    private static async Task<List<PublishResult>> PublishBulkAsync(PassportService.PassportServiceClient client, IReadOnlyList<PublishRequest> records)
    {
        using var call = client.PublishBulk();
        var reading = Task.Run(async () =>
        {
            var results = new List<PublishResult>();
            await foreach (var result in call.ResponseStream.ReadAllAsync())
            {
                results.Add(result);
            }
            return results;
        });
        foreach (var record in records)
        {
            await call.RequestStream.WriteAsync(record);
        }
        await call.RequestStream.CompleteAsync();
        return await reading;
    }

    private (long Log, long Versions) StoreFileLengths()
    {
        var directory = Path.Combine(_host.DataDirectory, "passports");
        return (new FileInfo(Path.Combine(directory, "passports.log")).Length, new FileInfo(Path.Combine(directory, "passports.versions")).Length);
    }
}
