using System.Diagnostics.Metrics;
using CircularPartners.DataSpace.Connector.Hosting;

namespace CircularPartners.DataSpace.Connector.Backup;

/// <summary>The backup's instruments, on the connector's meter (docs/operations.md lists them).</summary>
internal sealed class BackupMetrics
{
    private readonly Counter<long> _versions;

    public BackupMetrics(IMeterFactory meters, BackupProgress status)
    {
        var meter = meters.Create(ConnectorMetrics.MeterName);
        _versions = meter.CreateCounter<long>("cpds.backup.versions", "{version}",
            "Passport versions handed to the backup, by outcome: stored, already_present (offered again after a restart), damaged (here), conflict (there).");
        meter.CreateObservableGauge("cpds.backup.lag.versions", () => status.Read().Pending, "{version}",
            "Acknowledged passport versions not yet in the backup.");
        meter.CreateObservableGauge("cpds.backup.lag", () => status.Read().LagSeconds, "s",
            "Age of the oldest acknowledged version not yet in the backup; 0 when caught up.");
        meter.CreateObservableGauge("cpds.backup.available", () => status.Read().Outage is null ? 1 : 0, "{state}",
            "Whether the backup target answers: 1 yes, 0 an outage (health says Degraded).");
    }

    public void Counted(string outcome, long count)
    {
        if (count > 0)
        {
            _versions.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
