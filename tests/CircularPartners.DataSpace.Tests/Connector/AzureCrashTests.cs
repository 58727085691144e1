using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Grpc.Net.Client;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>
/// kill -9 of an Azure-backed replica while clients publish through it (issue #4): nothing
/// acknowledged is lost, no torn record is visible, histories stay contiguous, and a replica that
/// kept running sees every passport the store shows.
/// </summary>
public sealed class AzureCrashTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Owner = "local-participant";
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Kill9_MidPublishing_LosesNothingAcknowledgedAndLeavesNoTornRecord()
    {
        var container = AzuriteFixture.NewContainerName();
        var settings = ScaleOutTests.AzureSettings(azurite, container);
        var arguments = settings.Select(s => $"--{s.Key}={s.Value}").ToArray();
        using var survivor = new ConnectorHost(settings: settings); // a second replica, running throughout
        var atSurvivor = survivor.PassportClient(Owner);
        _ = await atSurvivor.QueryAsync(new QueryRequest { Owner = Owner }); // following the journal before the writes

        var acknowledged = await PublishUntilKilledAsync(arguments);

        await using var restarted = await ConnectorProcess.StartAsync(_data.Path, arguments);
        using var channel = GrpcChannel.ForAddress(restarted.GrpcAddress);
        var client = restarted.PassportClient(channel);
        foreach (var ack in acknowledged)
        {
            var stored = await client.GetAsync(new GetPassportRequest { PassportId = ack.PassportId, Version = ack.Version });
            Assert.Equal(ack.ContentHash, stored.ContentHash);
            AssertWhole(stored);
        }
        var visible = await QueryAllAsync(client);
        Assert.Superset(acknowledged.Select(a => a.PassportId).ToHashSet(), visible.Keys.ToHashSet());
        foreach (var (id, latest) in visible)
        {
            var history = await client.HistoryAsync(new HistoryRequest { PassportId = id });
            Assert.Equal(Enumerable.Range(1, (int)latest.Version).Select(v => (long)v), history.Versions.Select(v => v.Version));
            Assert.All(history.Versions, AssertWhole);
            Assert.True(latest.Version >= acknowledged.Where(a => a.PassportId == id).Select(a => a.Version).DefaultIfEmpty(0).Max());
        }

        // The surviving replica follows the journal: it must end up with exactly what the store shows.
        Dictionary<string, Passport> seen = [];
        for (var poll = 0; poll < 200 && !SameLatest(seen, visible); poll++)
        {
            await Task.Delay(50);
            seen = await QueryAllAsync(atSurvivor);
        }
        var behind = visible.Where(v => !seen.TryGetValue(v.Key, out var s) || s.Version != v.Value.Version)
            .Select(v => $"{v.Key} v{v.Value.Version} (survivor: v{(seen.TryGetValue(v.Key, out var s) ? s.Version : 0)})");
        Assert.Empty(behind);
        Assert.Equal(visible.Count, seen.Count);
    }

    /// <summary>16 clients publish new passports and update their own earlier ones until the process is killed.</summary>
    private async Task<List<Passport>> PublishUntilKilledAsync(string[] arguments)
    {
        await using var connector = await ConnectorProcess.StartAsync(_data.Path, arguments);
        using var channel = GrpcChannel.ForAddress(connector.GrpcAddress);
        using var publishers = CrashingPublishers.Start(connector.PassportClient(channel), writers: 16);
        for (var wait = 0; publishers.Acknowledged.Count < 200 && wait < 6000; wait++)
        {
            await Task.Delay(10);
        }
        Assert.True(publishers.Acknowledged.Count >= 200, "the connector did not acknowledge publishes against Azurite");
        connector.Kill();
        await publishers.StopAsync();
        return [.. publishers.Acknowledged];
    }

    private static async Task<Dictionary<string, Passport>> QueryAllAsync(PassportService.PassportServiceClient client)
    {
        var all = new Dictionary<string, Passport>(StringComparer.Ordinal);
        var token = "";
        do
        {
            var page = await client.QueryAsync(new QueryRequest { Owner = Owner, PageSize = 500, PageToken = token, IncludeJson = true });
            foreach (var passport in page.Passports)
            {
                AssertWhole(passport);
                all[passport.PassportId] = passport;
            }
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));
        return all;
    }

    private static bool SameLatest(Dictionary<string, Passport> seen, Dictionary<string, Passport> visible) =>
        seen.Count == visible.Count && visible.All(v => seen.TryGetValue(v.Key, out var s) && s.Version == v.Value.Version);

    /// <summary>A whole record: its JSON parses and hashes to the content hash it is stored under.</summary>
    private static void AssertWhole(Passport passport)
    {
        Assert.NotNull(JsonNode.Parse(passport.Json));
        Assert.Equal(passport.ContentHash, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(passport.Json))));
    }

    public void Dispose() => _data.Dispose();
}
