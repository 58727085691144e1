using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.AzureBlob;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Readiness: the passport store answers a read. Damaged records make it Degraded with the reason
/// (the rest is still served, so the replica stays in rotation). An unreachable shared store is
/// described as the outage monitor saw it (since when, and why), the same outage that was logged.
/// </summary>
internal sealed class StoreHealthCheck(IPassportStore store, StoreOutageMonitor? outage = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetAsync("health-probe", null, cancellationToken);
        }
        catch (Exception ex) when (ex is Domain.Errors.StoreUnavailableException or IOException)
        {
            return HealthCheckResult.Unhealthy(outage is { Since: { } since, Cause: { } cause }
                ? $"The passport store is unreachable since {since:O} ({cause})."
                : "The passport store is unreachable.");
        }
        if (store is IStoreIntegrity { Damage: { Count: > 0 } damage })
        {
            var versions = damage.SelectMany(d => d.Versions).ToList();
            return HealthCheckResult.Degraded(
                $"The passport store has {damage.Count} damaged range(s); {versions.Count} passport version(s) are not served: {StoreLog.Describe(versions.Take(20))}.");
        }
        return HealthCheckResult.Healthy();
    }
}
