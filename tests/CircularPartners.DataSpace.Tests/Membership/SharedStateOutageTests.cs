using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Connector;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CircularPartners.DataSpace.Tests.Membership;

/// <summary>The store under the shared membership and use-case registries goes away and comes back.</summary>
public sealed class SharedStateOutageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // The container's outage monitor (StoreLog.OutageStarted / OutageEnded) speaks for every path on it.
    private const int StoreLost = 41;
    private const int StoreRecovered = 42;

    [Fact]
    public async Task Follow_StoreStoppedAndRestarted_LogsOneWarningWhenLostAndOneWhenBack_NotOnePerPoll()
    {
        var settings = ScaleOutTests.AzureSettings(azurite, AzuriteFixture.NewContainerName());
        // A stopped emulator refuses connections at once, so no retries find the outage quickly; the
        // attempt timeout stays long so that a slow answer on a loaded machine (start-up included) is no outage.
        settings["Storage:AzureBlob:AttemptTimeoutSeconds"] = "10";
        settings["Storage:AzureBlob:MaxRetries"] = "0";
        settings["Storage:AzureBlob:BreakSeconds"] = "1";
        var logs = new CapturedLogs();
        using var host = new ConnectorHost(settings: settings) { Logs = logs };
        await host.PassportClient().QueryAsync(new QueryRequest()); // up and following

        azurite.Stop();
        try
        {
            Assert.True(await logs.WaitForAsync(e => e.EventId == StoreLost, TimeSpan.FromSeconds(60)));
            // Let many more polls of the membership and use-case registries fail (50 ms apart) before the store comes back.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            await azurite.Start();
        }

        Assert.True(await logs.WaitForAsync(e => e.EventId == StoreRecovered, TimeSpan.FromSeconds(60)));
        const int DevelopmentIdentityCreated = 2; // the test host's own start-up warning
        var lines = logs.Entries.Where(e => e.Category.StartsWith("CircularPartners", StringComparison.Ordinal) && e.Level >= LogLevel.Warning
            && e.EventId != DevelopmentIdentityCreated).ToList();
        // Lost and back, alternating, once per outage: dozens of failed polls never make a line each. A
        // loaded machine may still time a poll out once more, which is a second, real outage.
        var ids = lines.Select(e => e.EventId).ToList();
        Assert.Equal([StoreLost, StoreRecovered], ids.Take(2));
        Assert.All(ids.Select((id, i) => (id, i)), x => Assert.Equal(x.i % 2 == 0 ? StoreLost : StoreRecovered, x.id));
        Assert.InRange(ids.Count(id => id == StoreLost), 1, 2);
    }
}
