using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Connector;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CircularPartners.DataSpace.Tests.Membership;

/// <summary>The store under the shared membership and use-case registries goes away and comes back.</summary>
public sealed class SharedStateOutageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int StoreLost = 1701;
    private const int StoreRecovered = 1702;

    [Fact]
    public async Task Follow_StoreStoppedAndRestarted_LogsOneWarningWhenLostAndOneWhenBack_PerPart()
    {
        var settings = ScaleOutTests.AzureSettings(azurite, AzuriteFixture.NewContainerName());
        settings["Storage:AzureBlob:AttemptTimeoutSeconds"] = "1";
        settings["Storage:AzureBlob:MaxRetries"] = "0";
        settings["Storage:AzureBlob:BreakSeconds"] = "1";
        var logs = new CapturedLogs();
        using var host = new ConnectorHost(settings: settings) { Logs = logs };
        await host.PassportClient().QueryAsync(new QueryRequest()); // up and following

        azurite.Stop();
        try
        {
            Assert.True(await logs.WaitForAsync(e => e.EventId == StoreLost && e.Message.Contains("membership registry", StringComparison.Ordinal), TimeSpan.FromSeconds(60)));
            Assert.True(await logs.WaitForAsync(e => e.EventId == StoreLost && e.Message.Contains("use-case registry", StringComparison.Ordinal), TimeSpan.FromSeconds(60)));
            Assert.True(await logs.WaitForAsync(e => e.EventId == StoreLost && e.Message.Contains("goals", StringComparison.Ordinal), TimeSpan.FromSeconds(60)));
            // Let many more polls fail (50 ms apart) before the store comes back.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            await azurite.Start();
        }

        Assert.True(await logs.WaitForAsync(e => e.EventId == StoreRecovered && e.Message.Contains("membership registry", StringComparison.Ordinal), TimeSpan.FromSeconds(60)));
        Assert.True(await logs.WaitForAsync(e => e.EventId == StoreRecovered && e.Message.Contains("use-case registry", StringComparison.Ordinal), TimeSpan.FromSeconds(60)));
        Assert.True(await logs.WaitForAsync(e => e.EventId == StoreRecovered && e.Message.Contains("goals", StringComparison.Ordinal), TimeSpan.FromSeconds(60)));
        var lines = logs.Entries.Where(e => e.EventId is StoreLost or StoreRecovered).ToList();
        Assert.All(lines, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Equal(6, lines.Count); // lost and back once for each of the three parts
    }
}
