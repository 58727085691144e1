using CircularPartners.DataSpace.Storage.AzureBlob;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Loads the shared sharing state and token signing key before the server accepts calls, then keeps
/// this replica's view in step with offers, negotiations and agreements saved through other replicas.
/// </summary>
internal sealed partial class SharingStoreFollower(AzureBlobSharingStore store, ILogger<SharingStoreFollower> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await store.FollowAsync(stoppingToken);
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

    [LoggerMessage(102, LogLevel.Critical, "The sharing store follower stopped; this replica no longer sees agreements or terminations made through other replicas")]
    private static partial void FollowerStopped(ILogger logger, Exception exception);
}
