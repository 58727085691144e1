using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Registry;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static CircularPartners.DataSpace.Tests.Registry.RegistryTestSupport;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IRegistryStore"/> must have, alone and under the registry.
/// <see cref="OpenPeer"/> opens the store as another replica (or a restarted connector) sees it.
/// </summary>
public abstract class RegistryStoreContract
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    protected abstract IRegistryStore Open();

    protected abstract IRegistryStore OpenPeer();

    private static RegistrySnapshot WithCategory(RegistrySnapshot snapshot, string id) =>
        snapshot with { Categories = [.. snapshot.Categories, new Category(id, id + " (ja)", id)] };

    [Fact]
    public async Task Load_Fresh_IsNullAndHasNoVersion()
    {
        var store = Open();

        Assert.Null(await store.LoadAsync(default));
        Assert.Null(await store.VersionAsync(default));
    }

    [Fact]
    public async Task Save_ThenLoadThroughThePeer_RoundTripsSnapshotAndVersion()
    {
        var store = Open();
        var version = await store.SaveAsync(WithCategory(RegistrySnapshot.Empty, "batteries"), null, default);

        var loaded = await OpenPeer().LoadAsync(default);

        Assert.NotNull(loaded);
        Assert.Equal(version, loaded.Version);
        Assert.Equal(version, await OpenPeer().VersionAsync(default));
        Assert.Equal("batteries", Assert.Single(loaded.Snapshot.Categories).Id);
    }

    [Fact]
    public async Task Save_OverAVersionNoLongerStored_IsRefusedAndTheStoredSnapshotKept()
    {
        var store = Open();
        var first = await store.SaveAsync(WithCategory(RegistrySnapshot.Empty, "first"), null, default);
        await OpenPeer().SaveAsync(WithCategory(RegistrySnapshot.Empty, "second"), first, default);

        await Assert.ThrowsAsync<ConcurrentUpdateException>(() => store.SaveAsync(WithCategory(RegistrySnapshot.Empty, "stale"), first, default));
        await Assert.ThrowsAsync<ConcurrentUpdateException>(() => store.SaveAsync(WithCategory(RegistrySnapshot.Empty, "blind"), null, default));

        Assert.Equal("second", Assert.Single((await store.LoadAsync(default))!.Snapshot.Categories).Id);
    }

    [Fact]
    public async Task Propose_OnTwoReplicasAtOnce_GivesDistinctIds_AndBothAreListedOnBoth()
    {
        using var a = new UseCaseRegistry(Open(), _clock);
        using var b = new UseCaseRegistry(OpenPeer(), _clock);
        await a.SeedIfEmptyAsync(Seed(), default);
        await b.LoadAsync(default);

        var proposals = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? a : b)
            .ProposeAsync(Caller(Member, "venous"), new ProposalDraft($"Theme {i}", "energy", "Outline", [], []), default)));
        await a.RefreshAsync(default);
        await b.RefreshAsync(default);

        Assert.Equal(6, proposals.Select(p => p.Id).Distinct().Count());
        Assert.Equal(proposals.Select(p => p.Id).Order(), a.Proposals(null).Select(p => p.Id).Order());
        Assert.Equal(proposals.Select(p => p.Id).Order(), b.Proposals(null).Select(p => p.Id).Order());
        Assert.Equal(b.Changes(null, 100).Select(c => c.Sequence), a.Changes(null, 100).Select(c => c.Sequence));
    }

    [Fact]
    public async Task SeedIfEmpty_OnTwoReplicasAtOnce_SeedsOnce()
    {
        using var a = new UseCaseRegistry(Open(), _clock);
        using var b = new UseCaseRegistry(OpenPeer(), _clock);

        var seeded = await Task.WhenAll(a.SeedIfEmptyAsync(Seed(), default), b.SeedIfEmptyAsync(Seed(), default));

        Assert.Single(seeded, s => s);
        await a.RefreshAsync(default);
        Assert.Single(a.Changes(null, 100));
    }
}

public sealed class FileRegistryStoreTests : RegistryStoreContract, IDisposable
{
    private readonly TempDirectory _data = new();

    // Each opening is a separate instance on the same directory, as a restarted connector would be.
    protected override IRegistryStore Open() => new FileRegistryStore(_data.Path);

    protected override IRegistryStore OpenPeer() => Open();

    public void Dispose() => _data.Dispose();
}

public sealed class AzureBlobRegistryStoreTests(AzuriteFixture azurite) : RegistryStoreContract, IClassFixture<AzuriteFixture>
{
    private readonly AzureBlobStoreOptions _options = new() { ConnectionString = azurite.ConnectionString, ContainerName = AzuriteFixture.NewContainerName() };

    protected override IRegistryStore Open() => new AzureBlobRegistryStore(_options, TimeProvider.System);

    protected override IRegistryStore OpenPeer() => Open();
}
