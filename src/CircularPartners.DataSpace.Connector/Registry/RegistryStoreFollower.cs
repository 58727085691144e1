using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Domain.Registry;
using CircularPartners.DataSpace.Storage.AzureBlob;

namespace CircularPartners.DataSpace.Connector.Registry;

/// <summary>
/// On a replica of a shared (Azure Blob) store: every poll interval looks at the registry
/// snapshot's version (one request) and takes in a change saved through another replica.
/// </summary>
internal sealed class RegistryStoreFollower(UseCaseRegistry registry, AzureBlobRegistryStore store, [FromKeyedServices(StorageServiceCollectionExtensions.StorageClock)] TimeProvider clock, ILogger<RegistryStoreFollower> logger)
    : StorePoller("use-case registry", store.PollInterval, clock, logger)
{
    protected override Task PollAsync(CancellationToken cancellationToken) => registry.RefreshAsync(cancellationToken);
}
