using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// What this process found wrong with its audit log (a gap to a signed head, a witness that
/// refused a head). It stays degraded until restart: an operator has to look.
/// </summary>
internal sealed class AuditHealth : IHealthCheck
{
    private readonly Lock _lock = new();
    private readonly List<string> _problems = [];

    public void Report(string problem)
    {
        lock (_lock)
        {
            if (!_problems.Contains(problem))
            {
                _problems.Add(problem);
            }
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_problems.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded("Audit log: " + string.Join("; ", _problems)));
        }
    }
}
