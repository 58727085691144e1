using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Connector;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Audit;

/// <summary>
/// Issue 14, point 4: the shared audit log's store goes away and comes back. Calls that need it
/// fail UNAVAILABLE, and the outage is one warning when it begins and one when it ends, not a
/// line per call or per poll of the audit log, its head stores or the other adapters.
/// </summary>
public sealed class AuditStoreOutageTests : IAsyncLifetime
{
    private const string Owner = "1010001000001";
    private readonly AzuriteFixture _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    [Fact]
    public async Task ListAudit_StoreStoppedAndRestarted_UnavailableMeanwhile_OneWarningEachWay()
    {
        var settings = ScaleOutTests.AzureSettings(_azurite, AzuriteFixture.NewContainerName());
        settings["Storage:AzureBlob:AttemptTimeoutSeconds"] = "10"; // a refused connection fails at once; a slow answer is no outage
        settings["Storage:AzureBlob:MaxRetries"] = "0";
        settings["Storage:AzureBlob:BreakSeconds"] = "1";
        var logs = new CapturedLogs();
        using var host = new ConnectorHost(settings: settings) { Logs = logs };
        var owner = host.SharingClient(Owner);
        await owner.ListAuditAsync(new ListAuditRequest());

        _azurite.Stop();
        for (var i = 0; i < 5; i++)
        {
            await RpcAssert.FailsWith(StatusCode.Unavailable, () => owner.ListAuditAsync(new ListAuditRequest()).ResponseAsync);
            await RpcAssert.FailsWith(StatusCode.Unavailable, () => owner.VerifyAuditAsync(new VerifyAuditRequest()).ResponseAsync);
        }
        Assert.True(await logs.WaitForAsync(e => e.EventId == 41));

        await _azurite.Start();
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                await owner.ListAuditAsync(new ListAuditRequest(), cancellationToken: hangGuard.Token);
                break;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
            {
                await Task.Delay(200, hangGuard.Token); // the circuit stays open for BreakSeconds
            }
        }

        Assert.True(await logs.WaitForAsync(e => e.EventId == 42)); // over once the store has answered steadily for a moment
        var outage = logs.Entries.Where(e => e.EventId is 41 or 42).ToList();
        Assert.Equal([41, 42], outage.Select(e => e.EventId));
        Assert.All(outage, e => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, e.Level));
    }
}
