using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>The audit log contract against the file store.</summary>
public sealed class FileAuditLogContractTests : AuditLogContract, IDisposable
{
    private readonly TempDirectory _data = new();

    protected override Task<IAuditLog> OpenAsync() =>
        Task.FromResult<IAuditLog>(new FileAuditLog(new FileStoreOptions { DataDirectory = _data.Path }, TimeProvider.System));

    protected override Task CloseAsync(IAuditLog log)
    {
        ((FileAuditLog)log).Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _data.Dispose();
}

/// <summary>The audit head store contract against the file store.</summary>
public sealed class FileAuditHeadStoreContractTests : AuditHeadStoreContract, IDisposable
{
    private readonly TempDirectory _data = new();

    protected override Task<IAuditHeadStore> OpenAsync() =>
        Task.FromResult<IAuditHeadStore>(FileAuditHeadStore.Witnessed(new FileStoreOptions { DataDirectory = _data.Path }));

    protected override Task CloseAsync(IAuditHeadStore store)
    {
        ((FileAuditHeadStore)store).Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _data.Dispose();
}
