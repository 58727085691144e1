using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Membership;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

public sealed class FileMembershipStoreTests : MembershipStoreContract, IDisposable
{
    private readonly TempDirectory _data = new();

    protected override Task<IMembershipStore> OpenAsync() =>
        Task.FromResult<IMembershipStore>(new FileMembershipStore(new FileStoreOptions { DataDirectory = _data.Path }));

    // One process writes the file store: it is its own peer, always current.
    protected override Task<IMembershipStore> OpenPeerAsync(IMembershipStore store) => Task.FromResult(store);

    protected override Task RefreshAsync(IMembershipStore store) => Task.CompletedTask;

    protected override void Close(IMembershipStore store) => ((FileMembershipStore)store).Dispose();

    public void Dispose() => _data.Dispose();
}

public sealed class AzureBlobMembershipStoreTests(AzuriteFixture azurite) : MembershipStoreContract, IClassFixture<AzuriteFixture>
{
    private readonly AzureBlobStoreOptions _options = new() { ConnectionString = azurite.ConnectionString, ContainerName = AzuriteFixture.NewContainerName() };

    protected override async Task<IMembershipStore> OpenAsync()
    {
        var store = new AzureBlobMembershipStore(_options, TimeProvider.System);
        await store.LoadAsync(default);
        return store;
    }

    protected override Task<IMembershipStore> OpenPeerAsync(IMembershipStore store) => OpenAsync();

    protected override Task RefreshAsync(IMembershipStore store) => ((AzureBlobMembershipStore)store).RefreshAsync(default);

    protected override void Close(IMembershipStore store)
    {
    }

    [Fact]
    public async Task Load_AfterRestart_HasEveryParticipantAndRevocation()
    {
        await Store.SaveParticipantAsync(Member("5010001000005"), default);
        await Peer.SaveRevocationAsync(new Revocation(1, null, "credential-1", T0), default);

        var restarted = await TrackAsync(OpenAsync());

        Assert.Single(restarted.Participants);
        Assert.Equal("credential-1", Assert.Single(restarted.Revocations).CredentialId);
    }

    [Fact]
    public async Task Join_SameParticipantOnTwoReplicasAtOnce_AdmitsItOnce()
    {
        using var a = Registry(Store, new RevocationList());
        using var b = Registry(Peer, new RevocationList());
        var secretariat = new Caller("9000001000009", new HashSet<string>(["secretariat"]));

        var joins = await Task.WhenAll(new[] { a, b }.Select(async registry =>
        {
            try
            {
                await registry.JoinAsync(secretariat, Member("5010001000005"), default);
                return "joined";
            }
            catch (PassportValidationException ex)
            {
                return Assert.Single(ex.Violations).Kind;
            }
        }));

        Assert.Equal(["already_member", "joined"], joins.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SaveParticipant_OverAStaleView_IsRefusedAndTheNewerRecordTakenIn()
    {
        await Store.SaveParticipantAsync(Member("5010001000005", "first"), default);
        await RefreshAsync(Peer);
        await Store.SaveParticipantAsync(Member("5010001000005", "second"), default);

        await Assert.ThrowsAsync<ConcurrentUpdateException>(
            () => Peer.SaveParticipantAsync(Member("5010001000005", "stale"), default));

        Assert.Equal("second", Assert.Single(Peer.Participants).Name);
    }
}
