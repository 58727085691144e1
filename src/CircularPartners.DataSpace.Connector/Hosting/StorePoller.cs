using CircularPartners.DataSpace.Domain.Errors;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Takes in, every poll interval, what other replicas saved to one part of the shared store. An
/// outage is one warning when it starts and one when it ends, not a line per poll; meanwhile
/// the replica keeps serving its last view.
/// </summary>
internal abstract class StorePoller(string part, TimeSpan interval, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>One pass; a <see cref="StoreUnavailableException"/> is an outage, retried at the next poll.</summary>
    protected abstract Task PollAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset? downSince = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await PollAsync(stoppingToken);
                    if (downSince is { } since)
                    {
                        SharedStateLog.StoreRecovered(logger, part, (long)(clock.GetUtcNow() - since).TotalSeconds);
                        downSince = null;
                    }
                }
                catch (StoreUnavailableException ex)
                {
                    if (downSince is null)
                    {
                        downSince = clock.GetUtcNow();
                        SharedStateLog.StoreLost(logger, part, ex.Message);
                    }
                }
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            SharedStateLog.PollerStopped(logger, ex, part);
            throw;
        }
    }
}

/// <summary>Source-generated log messages about following the state replicas share.</summary>
internal static partial class SharedStateLog
{
    [LoggerMessage(1701, LogLevel.Warning, "The shared {Part} in the store cannot be read ({Problem}); this replica keeps its last view and misses other replicas' changes until the store answers")]
    public static partial void StoreLost(ILogger logger, string part, string problem);

    [LoggerMessage(1702, LogLevel.Warning, "The shared {Part} in the store can be read again after {Seconds} s; other replicas' changes are taken in")]
    public static partial void StoreRecovered(ILogger logger, string part, long seconds);

    [LoggerMessage(1703, LogLevel.Critical, "Following the shared {Part} stopped; this replica no longer sees other replicas' changes to it")]
    public static partial void PollerStopped(ILogger logger, Exception exception, string part);
}
