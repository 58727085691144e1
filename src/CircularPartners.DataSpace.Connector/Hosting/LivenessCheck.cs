using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Liveness: the process serves calls. It deliberately ignores the store, so an outage of the
/// store takes replicas out of the load balancer (readiness) without restarting them.
/// </summary>
internal sealed class LivenessCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy());
}
