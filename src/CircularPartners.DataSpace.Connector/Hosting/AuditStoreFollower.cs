using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Storage.AzureBlob;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// With the Azure Blob store: finds the shared audit chain's end and the latest signed heads before
/// the connector serves (and before the audit head keeper compares them), then follows what other
/// replicas append.
/// </summary>
internal sealed partial class AuditStoreFollower(AzureBlobAuditLog log, [FromKeyedServices(AuditServiceCollectionExtensions.OwnHeads)] IAuditHeadStore own,
    [FromKeyedServices(AuditServiceCollectionExtensions.WitnessedHeads)] IAuditHeadStore witnessed, ILogger<AuditStoreFollower> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await log.LoadAsync(cancellationToken);
        foreach (var heads in HeadStores())
        {
            await heads.LoadAsync(cancellationToken);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll([log.FollowAsync(stoppingToken), .. HeadStores().Select(heads => heads.FollowAsync(stoppingToken))]);
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

    private IEnumerable<AzureBlobAuditHeadStore> HeadStores() => new[] { own, witnessed }.OfType<AzureBlobAuditHeadStore>();

    [LoggerMessage(103, LogLevel.Critical, "The audit store follower stopped; this replica no longer sees audit entries and heads written through other replicas")]
    private static partial void FollowerStopped(ILogger logger, Exception exception);
}
