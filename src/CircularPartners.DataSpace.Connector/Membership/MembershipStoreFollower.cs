using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Domain.Membership;
using CircularPartners.DataSpace.Storage.AzureBlob;

namespace CircularPartners.DataSpace.Connector.Membership;

/// <summary>
/// On a replica of a shared (Azure Blob) store: loads the membership registry before the server
/// accepts calls, then every poll interval takes in participants and revocations saved through
/// other replicas. A revocation or departure made on any secretariat replica is thus refused here
/// within one poll interval, and passed on to the connectors following this replica.
/// </summary>
internal sealed class MembershipStoreFollower(AzureBlobMembershipStore store, MembershipRegistry registry, [FromKeyedServices(StorageServiceCollectionExtensions.StorageClock)] TimeProvider clock, ILogger<MembershipStoreFollower> logger)
    : StorePoller("membership registry", store.PollInterval, clock, logger)
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.LoadAsync(cancellationToken);
        await registry.CatchUpAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task PollAsync(CancellationToken cancellationToken)
    {
        await store.RefreshAsync(cancellationToken);
        await registry.CatchUpAsync(cancellationToken);
    }
}
