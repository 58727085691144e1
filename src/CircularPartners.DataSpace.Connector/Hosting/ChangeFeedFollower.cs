using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Keeps this replica's query index in step with writes made through other replicas, by feeding
/// the store's change feed into the index (which ignores versions older than the one it holds).
/// </summary>
internal sealed partial class ChangeFeedFollower(IPassportChangeFeed feed, PassportIndex index, ConnectorMetrics metrics, ILogger<ChangeFeedFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var record in feed.FollowAsync(stoppingToken))
            {
                index.Upsert(record);
                metrics.ChangeApplied(record.PublishedAt);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            FollowerStopped(logger, ex);
            throw;
        }
    }

    [LoggerMessage(101, LogLevel.Critical, "The change feed follower stopped; this replica's query index no longer sees other replicas' writes")]
    private static partial void FollowerStopped(ILogger logger, Exception exception);
}
