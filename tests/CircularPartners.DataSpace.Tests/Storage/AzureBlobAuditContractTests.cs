using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>The audit log contract against Azure Blob (Azurite), with segments of 7 entries so the chain crosses several.</summary>
public sealed class AzureBlobAuditLogContractTests(AzuriteFixture azurite) : AuditLogContract, IClassFixture<AzuriteFixture>
{
    private readonly string _container = AzuriteFixture.NewContainerName();

    internal static AzureBlobStoreOptions Options(AzuriteFixture azurite, string container) =>
        new() { ConnectionString = azurite.ConnectionString, ContainerName = container };

    protected override async Task<IAuditLog> OpenAsync()
    {
        var log = new AzureBlobAuditLog(Options(azurite, _container), TimeProvider.System, TimeProvider.System, segmentEntries: 7);
        await log.LoadAsync(default);
        return log;
    }

    protected override Task CloseAsync(IAuditLog log)
    {
        ((AzureBlobAuditLog)log).Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The audit head store contract against Azure Blob (Azurite).</summary>
public sealed class AzureBlobAuditHeadStoreContractTests(AzuriteFixture azurite) : AuditHeadStoreContract, IClassFixture<AzuriteFixture>
{
    private readonly string _container = AzuriteFixture.NewContainerName();

    protected override async Task<IAuditHeadStore> OpenAsync()
    {
        var store = AzureBlobAuditHeadStore.Witnessed(AzureBlobAuditLogContractTests.Options(azurite, _container), TimeProvider.System);
        await store.LoadAsync(default);
        return store;
    }

    protected override Task CloseAsync(IAuditHeadStore store) => Task.CompletedTask;
}
