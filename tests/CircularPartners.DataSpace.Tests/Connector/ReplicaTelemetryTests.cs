using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>Replica lag and freshness metrics, with two replicas sharing one Azure Blob container (Azurite).</summary>
public sealed class ReplicaTelemetryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ChangeFeed_VersionPublishedOnOtherReplica_RecordsJournalLagAndFreshness()
    {
        var container = AzuriteFixture.NewContainerName();
        var telemetry = new ExportedTelemetry();
        var settings = ScaleOutTests.AzureSettings(azurite, container);
        foreach (var (key, value) in ExportedTelemetry.Settings)
        {
            settings[key] = value;
        }
        using var follower = new ConnectorHost(settings: settings) { ExtraServices = telemetry.Register };
        using var writer = new ConnectorHost(settings: ScaleOutTests.AzureSettings(azurite, container));
        var onFollower = follower.PassportClient();
        _ = await onFollower.QueryAsync(new QueryRequest { Owner = ConnectorHost.DefaultOperator }); // following before the write

        var published = await writer.PassportClient().PublishAsync(Passports.Request("battery"));

        for (var poll = 0; poll < 400; poll++)
        {
            var page = await onFollower.QueryAsync(new QueryRequest { Owner = ConnectorHost.DefaultOperator, PageSize = 100 });
            if (page.Passports.Any(p => p.PassportId == published.PassportId))
            {
                break;
            }
            await Task.Delay(25);
        }
        Assert.Contains(telemetry.Points(follower, "cpds.replica.journal.lag"), p => p.GetHistogramCount() >= 1);
        Assert.NotEmpty(telemetry.Points(follower, "cpds.replica.last_change.age"));
    }
}
