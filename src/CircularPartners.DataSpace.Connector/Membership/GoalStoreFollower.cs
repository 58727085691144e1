using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Storage.AzureBlob;

namespace CircularPartners.DataSpace.Connector.Membership;

/// <summary>
/// On a secretariat replica of a shared (Azure Blob) store: loads every goal and report before the
/// server accepts calls, then every poll interval takes in those saved through other replicas, so a
/// goal created or an import run on any replica is listed and counted here within one poll.
/// </summary>
internal sealed class GoalStoreFollower(AzureBlobGoalStore store, [FromKeyedServices(StorageServiceCollectionExtensions.StorageClock)] TimeProvider clock, ILogger<GoalStoreFollower> logger)
    : StorePoller("goals", store.PollInterval, clock, logger)
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task PollAsync(CancellationToken cancellationToken) => store.RefreshAsync(cancellationToken);
}
