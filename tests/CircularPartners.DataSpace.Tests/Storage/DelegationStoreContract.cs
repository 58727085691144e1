using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IDelegationStore"/> must have. <see cref="OpenPeerAsync"/> opens
/// the store as another replica (or a restarted connector) sees it.
/// </summary>
public abstract class DelegationStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    protected abstract Task<IDelegationStore> OpenAsync();

    /// <summary>The same data through another instance, loaded after the writes so far.</summary>
    protected abstract Task<IDelegationStore> OpenPeerAsync();

    private static Delegation Grant(string id, string participant = "2020002000002", DateTimeOffset? removedAt = null) =>
        new(id, participant, ["1010001000001"], null, "1010001000001", T0, removedAt);

    [Fact]
    public async Task Save_ThenOpenElsewhere_DelegationIsThere()
    {
        var store = await OpenAsync();
        await store.SaveDelegationAsync(Grant("delegation-1"), default);

        Assert.Equal("2020002000002", Assert.Single((await OpenPeerAsync()).Delegations).ParticipantId);
    }

    [Fact]
    public async Task Save_SameIdAgain_LatestRecordWins_AndARemovalStays()
    {
        var store = await OpenAsync();
        await store.SaveDelegationAsync(Grant("delegation-2"), default);
        await store.SaveDelegationAsync(Grant("delegation-2", removedAt: T0.AddHours(1)), default);

        var seen = Assert.Single((await OpenPeerAsync()).Delegations);
        Assert.Equal(T0.AddHours(1), seen.RemovedAt);
        Assert.False(seen.IsInForce(T0.AddHours(2)));
    }
}

public sealed class FileDelegationStoreTests : DelegationStoreContract, IDisposable
{
    private readonly TempDirectory _data = new();
    private FileSharingStore? _open;

    // One process holds the file store: a peer is the store closed and opened again.
    protected override Task<IDelegationStore> OpenAsync()
    {
        _open?.Dispose();
        _open = new FileSharingStore(new FileStoreOptions { DataDirectory = _data.Path });
        return Task.FromResult<IDelegationStore>(_open);
    }

    protected override Task<IDelegationStore> OpenPeerAsync() => OpenAsync();

    public void Dispose()
    {
        _open?.Dispose();
        _data.Dispose();
    }
}

public sealed class AzureBlobDelegationStoreTests(AzuriteFixture azurite) : DelegationStoreContract, IClassFixture<AzuriteFixture>
{
    private readonly AzureBlobStoreOptions _options = new() { ConnectionString = azurite.ConnectionString, ContainerName = AzuriteFixture.NewContainerName() };

    protected override async Task<IDelegationStore> OpenAsync()
    {
        var store = new AzureBlobSharingStore(_options, TimeProvider.System);
        await store.LoadAsync(default);
        return store;
    }

    protected override Task<IDelegationStore> OpenPeerAsync() => OpenAsync();
}
