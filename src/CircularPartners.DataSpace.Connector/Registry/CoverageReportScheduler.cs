using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Registry;

/// <summary>
/// Reports this connector's measured coverage on a schedule (<c>Registry:ReportIntervalSeconds</c>):
/// to its own registry as the operator, or to the secretariat's under the operator's credential
/// (<c>Registry:ReportCredentialPath</c>). The first report is one interval after start; a failed
/// report is logged and tried at the next interval.
/// </summary>
internal sealed class CoverageReportScheduler(CoverageReporting coverage, PublishSettings publishing, IOptions<RegistryOptions> options,
    TimeProvider time, ILogger<CoverageReportScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.ReportIntervalSeconds);
        var credentialPath = options.Value.ReportCredentialPath;
        if (interval <= TimeSpan.Zero || (coverage.Registry != "local" && string.IsNullOrWhiteSpace(credentialPath)))
        {
            RegistryLog.ScheduledReportsOff(logger, coverage.Registry);
            return;
        }
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var credential = string.IsNullOrWhiteSpace(credentialPath) ? null : (await File.ReadAllTextAsync(credentialPath, stoppingToken)).Trim();
                var sent = await coverage.ReportAsync(new Caller(publishing.Operator, new HashSet<string>()), credential, stoppingToken);
                RegistryLog.Reported(logger, sent.Counts.Count, sent.Registry);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                RegistryLog.ReportFailed(logger, coverage.Registry, ex.Message);
            }
        }
    }
}
