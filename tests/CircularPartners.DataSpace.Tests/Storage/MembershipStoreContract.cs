using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Membership;
using Microsoft.Extensions.Time.Testing;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IMembershipStore"/> must have, alone and under the registry.
/// <see cref="Peer"/> is the store as another replica sees it (a second instance where replicas
/// share it; the same instance where there is one writer); <see cref="RefreshAsync"/> is how a
/// replica takes in the other's writes.
/// </summary>
public abstract class MembershipStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private readonly List<IMembershipStore> _opened = [];

    protected IMembershipStore Store { get; private set; } = null!;
    protected IMembershipStore Peer { get; private set; } = null!;

    protected abstract Task<IMembershipStore> OpenAsync();

    protected abstract Task<IMembershipStore> OpenPeerAsync(IMembershipStore store);

    protected abstract Task RefreshAsync(IMembershipStore store);

    protected abstract void Close(IMembershipStore store);

    public async Task InitializeAsync()
    {
        Store = await TrackAsync(OpenAsync());
        Peer = await TrackAsync(OpenPeerAsync(Store));
    }

    protected async Task<IMembershipStore> TrackAsync(Task<IMembershipStore> opening)
    {
        var store = await opening;
        if (!_opened.Contains(store))
        {
            _opened.Add(store);
        }
        return store;
    }

    public Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            Close(store);
        }
        return Task.CompletedTask;
    }

    protected static Participant Member(string id, string name = "Recycler", bool active = true) =>
        new(id, name, "company", "recycling", ["venous"], "http://recycler.test", [], active, T0, active ? null : T0.AddHours(1));

    protected static MembershipRegistry Registry(IMembershipStore store, RevocationList revocations) =>
        new(store, new NoSigner(), new NoFollowers(), revocations, new FakeTimeProvider(T0));

    [Fact]
    public async Task SaveParticipant_Twice_LatestRecordWins()
    {
        await Store.SaveParticipantAsync(Member("5010001000005", "first"), default);
        await Store.SaveParticipantAsync(Member("5010001000005", "second"), default);

        Assert.Equal("second", Assert.Single(Store.Participants).Name);
    }

    [Fact]
    public async Task SaveParticipant_ThroughOneReplica_IsSeenByTheOther()
    {
        await Store.SaveParticipantAsync(Member("5010001000005"), default);

        await RefreshAsync(Peer);

        Assert.Equal("5010001000005", Assert.Single(Peer.Participants).ParticipantId);
    }

    [Fact]
    public async Task SaveRevocation_SequenceTakenThroughTheOtherReplica_IsRefusedAndTheFirstKept()
    {
        await Store.SaveRevocationAsync(new Revocation(1, "5010001000005", null, T0), default);

        await Assert.ThrowsAsync<ConcurrentUpdateException>(() => Peer.SaveRevocationAsync(new Revocation(1, null, "credential-x", T0), default));

        await RefreshAsync(Store);
        Assert.Equal("5010001000005", Assert.Single(Store.Revocations).ParticipantId);
        Assert.Equal("5010001000005", Assert.Single(Peer.Revocations).ParticipantId);
    }

    [Fact]
    public async Task RevokeCredential_OnTwoReplicasAtOnce_TakesDistinctSequences_AndEachReplicaEnforcesAll()
    {
        var (onA, onB) = (new RevocationList(), new RevocationList());
        using var a = Registry(Store, onA);
        using var b = Registry(Peer, onB);
        var secretariat = new Caller("9000001000009", new HashSet<string>(["secretariat"]));

        var revoked = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? a : b).RevokeCredentialAsync(secretariat, $"credential-{i}", default)));

        Assert.Equal(10, revoked.Select(r => r.Sequence).Distinct().Count());
        await RefreshAsync(Store);
        await RefreshAsync(Peer);
        await a.CatchUpAsync(default);
        await b.CatchUpAsync(default);
        foreach (var list in new[] { onA, onB })
        {
            Assert.All(Enumerable.Range(0, 10), i => Assert.True(list.IsRevoked("5010001000005", T0, $"credential-{i}")));
        }
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), Store.Revocations.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Leave_ThroughOneReplica_IsEnforcedByTheOtherOnceCaughtUp()
    {
        var (onA, onB) = (new RevocationList(), new RevocationList());
        using var a = Registry(Store, onA);
        using var b = Registry(Peer, onB);
        var secretariat = new Caller("9000001000009", new HashSet<string>(["secretariat"]));
        await a.JoinAsync(secretariat, Member("5010001000005"), default);

        await a.LeaveAsync(secretariat, "5010001000005", default);
        await RefreshAsync(Peer);
        await b.CatchUpAsync(default);

        Assert.True(onB.IsRevoked("5010001000005", T0.AddMinutes(-1), "any"));
        Assert.False(Assert.Single(Peer.Participants).Active);
    }

    private sealed class NoSigner : ICredentialSigner
    {
        public IssuedCredential Sign(Participant participant, string? audience, TimeSpan lifetime) => throw new NotSupportedException();
    }

    private sealed class NoFollowers : IRevocationBroadcaster
    {
        public Task BroadcastAsync(Revocation revocation, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
