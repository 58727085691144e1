using CircularPartners.DataSpace.Domain.Passports;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Readiness: the passport store answers a read.</summary>
internal sealed class StoreHealthCheck(IPassportStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetAsync("health-probe", null, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is Domain.Errors.StoreUnavailableException or IOException)
        {
            return HealthCheckResult.Unhealthy("The passport store is unreachable.");
        }
    }
}
