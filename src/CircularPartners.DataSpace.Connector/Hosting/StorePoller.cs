using CircularPartners.DataSpace.Domain.Errors;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Takes in, every poll interval, what other replicas saved to one part of the shared store.
/// While the store is unreachable each poll fails and the replica keeps serving its last view; the
/// outage is logged once when it starts and once when it ends by the container's
/// <see cref="Storage.AzureBlob.StoreOutageMonitor"/>, which every storage call goes through, not
/// once per poll here.
/// </summary>
internal abstract partial class StorePoller(string part, TimeSpan interval, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>One pass; a <see cref="StoreUnavailableException"/> is an outage, retried at the next poll.</summary>
    protected abstract Task PollAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await PollAsync(stoppingToken);
                }
                catch (StoreUnavailableException)
                {
                    // Reported once by the outage monitor; the next poll tries again.
                }
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            PollerStopped(logger, ex, part);
            throw;
        }
    }

    [LoggerMessage(1703, LogLevel.Critical, "Following the shared {Part} stopped; this replica no longer sees other replicas' changes to it")]
    private static partial void PollerStopped(ILogger logger, Exception exception, string part);
}
