using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CircularPartners.DataSpace.Connector.Backup;

/// <summary>
/// The backup in health: Degraded while the target is unreachable or when versions could not be
/// copied (damaged here, or held differently there), Healthy otherwise with the lag. Never
/// Unhealthy: a backup outage needs an operator, not a restart or less traffic.
/// </summary>
internal sealed class BackupHealthCheck(BackupProgress status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = status.Read();
        var progress = $"{now.BackedUp} version(s) backed up to {now.Target}, {now.Pending} waiting";
        var result = now switch
        {
            { Outage: { } outage } => HealthCheckResult.Degraded($"The backup target is unreachable since {now.OutageSince:u} ({outage}); {progress}."),
            { Damaged: > 0 } or { Conflicts: > 0 } => HealthCheckResult.Degraded(
                $"{progress}; {now.Damaged} damaged version(s) could not be copied and the target holds {now.Conflicts} version(s) differently (see the error log)."),
            _ => HealthCheckResult.Healthy($"{progress} (lag {now.LagSeconds:0.#} s)."),
        };
        return Task.FromResult(result);
    }
}
