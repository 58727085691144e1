using System.Diagnostics.Metrics;
using CircularPartners.DataSpace.Connector.Backup;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CircularPartners.DataSpace.Tests.Backup;

/// <summary>An unreachable backup target: versions wait, health says Degraded, one line when it starts and one when it ends.</summary>
public sealed class BackupOutageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task BackupTarget_Outage_DegradesHealthLogsOnceEachWayAndCatchesUp()
    {
        var container = AzuriteFixture.NewContainerName();
        var logs = new CapturedLogs();
        using var host = new ConnectorHost(settings: BackupSupport.Settings(azurite, container)) { Logs = logs };
        var invoker = host.Invoker(host.CredentialFor(ConnectorHost.DefaultOperator));
        var before = await BackupRestoreTests.PublishHistoriesAsync(host.PassportClient(), 2);
        await BackupSupport.WaitForBackupAsync(invoker, s => s.PendingVersions == 0 && s.BackedUpVersions == before.Count);

        azurite.Stop();
        List<Contracts.V1.Passport> during;
        try
        {
            during = await BackupRestoreTests.PublishHistoriesAsync(host.PassportClient(), 2); // acknowledged: the backup is not in the write path
            var down = await BackupSupport.WaitForBackupAsync(invoker, s => s.Outage.Length > 0);
            Assert.Equal(during.Count, down.PendingVersions);
            var health = (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["backup"];
            Assert.Equal(HealthStatus.Degraded, health.Status);
            Assert.Contains("unreachable", health.Description, StringComparison.Ordinal);
            Assert.Equal(during.Count, Gauge(host, "cpds.backup.lag.versions"));
            Assert.Equal(0, Gauge(host, "cpds.backup.available"));
            await Task.Delay(TimeSpan.FromSeconds(3)); // more failed rounds: still one warning
        }
        finally
        {
            await azurite.Start();
        }

        var caughtUp = await BackupSupport.WaitForBackupAsync(invoker, s => s.PendingVersions == 0 && s.Outage.Length == 0);
        Assert.Equal(before.Count + during.Count, caughtUp.BackedUpVersions);
        Assert.True(await logs.WaitForAsync(e => e.EventId == 2103)); // written just after the status clears
        Assert.Single(logs.Entries, e => e.EventId == 2102);
        Assert.Single(logs.Entries, e => e.EventId == 2103);
        Assert.Equal(HealthStatus.Healthy, (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["backup"].Status);
        Assert.Equal(
            (before.Concat(during).ToDictionary(p => (p.PassportId, p.Version), p => p.ContentHash)),
            await BackupSupport.BackedUpAsync(azurite, container));
    }

    /// <summary>The current value of one of this host's observable gauges (other hosts in the process have meters of the same name).</summary>
    private static double Gauge(ConnectorHost host, string name)
    {
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        double? value = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => value = measurement);
        listener.SetMeasurementEventCallback<int>((_, measurement, _, _) => value = measurement);
        listener.SetMeasurementEventCallback<double>((_, measurement, _, _) => value = measurement);
        listener.Start();
        listener.RecordObservableInstruments();
        return value ?? throw new InvalidOperationException($"No {name} gauge on this host.");
    }

    [Theory]
    [InlineData("Backup:Target", "Tape", "backup.target")]
    [InlineData("Backup:AzureBlob:ContainerName", "Not_A_Container", "backup.azureBlob.containerName")]
    [InlineData("Backup:AzureBlob:ConnectionString", "", "backup.azureBlob.connectionStringSecret")]
    [InlineData("Backup:BatchSize", "0", "backup.batchSize")]
    [InlineData("Storage:Provider", "AzureBlob", "storage.provider")]
    public void Validate_BadSetting_FailsNamingTheSettingAndHelmValue(string key, string value, string helm)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Backup:Target"] = "AzureBlob",
            ["Backup:AzureBlob:ConnectionString"] = "UseDevelopmentStorage=true",
            [key] = value,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = configuration.GetSection(BackupOptions.Section).Get<BackupOptions>()!;

        var result = new BackupOptionsValidator(configuration).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(helm, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoTarget_IsOff()
    {
        var configuration = new ConfigurationBuilder().Build();

        Assert.True(new BackupOptionsValidator(configuration).Validate(null, new BackupOptions()).Succeeded);
    }
}
