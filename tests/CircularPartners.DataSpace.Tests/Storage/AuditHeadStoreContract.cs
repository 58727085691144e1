using System.Security.Cryptography;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.Errors;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IAuditHeadStore"/> must have, alone and under the
/// <see cref="AuditWitness"/> rules. Each implementation says how to open (and re-open) a store.
/// </summary>
public abstract class AuditHeadStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private IAuditHeadStore? _store;

    protected IAuditHeadStore Store => _store ?? throw new InvalidOperationException("Store not opened.");

    protected abstract Task<IAuditHeadStore> OpenAsync();

    protected abstract Task CloseAsync(IAuditHeadStore store);

    public async Task InitializeAsync() => _store = await OpenAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await CloseAsync(_store);
        }
        _key.Dispose();
    }

    protected async Task ReopenAsync()
    {
        await CloseAsync(Store);
        _store = await OpenAsync();
    }

    /// <summary>A head of <paramref name="participant"/>'s log at <paramref name="sequence"/>, signed <paramref name="sequence"/> minutes after T0.</summary>
    protected SignedAuditHead Head(string participant, long sequence, string logId = "", string salt = "")
    {
        var entry = AuditChain.Seal(new AuditDraft("actor", participant, "passport.get" + salt, null, [], [], null, true, null), sequence, T0, AuditChain.Genesis);
        return SignedAuditHead.Sign(participant, entry, T0.AddMinutes(sequence), _key, logId);
    }

    /// <summary>What identifies a head (ECDSA signatures differ each time a head is signed).</summary>
    private static (string?, long?, string?) Id(SignedAuditHead? head) => (head?.WitnessKey, head?.Sequence, head?.Hash);

    [Fact]
    public void Empty_KnowsNoHead()
    {
        Assert.Null(Store.Latest);
        Assert.Null(Store.LatestOf("1010001000001"));
    }

    [Fact]
    public async Task AppendAsync_SeveralLogs_LatestOfEachAndLatestOverall_AlsoAfterReopen()
    {
        await Store.AppendAsync(Head("p1", 3), default);
        await Store.AppendAsync(Head("p2", 5), default);
        await Store.AppendAsync(Head("p1", 7), default);
        await Store.AppendAsync(Head("p1", 9, logId: "pod-a"), default);

        AssertLatest();
        await ReopenAsync();
        AssertLatest();

        void AssertLatest()
        {
            Assert.Equal(Id(Head("p1", 7)), Id(Store.LatestOf("p1")));
            Assert.Equal(Id(Head("p2", 5)), Id(Store.LatestOf("p2")));
            Assert.Equal(Id(Head("p1", 9, logId: "pod-a")), Id(Store.LatestOf("p1/pod-a")));
            Assert.Equal(Id(Head("p1", 9, logId: "pod-a")), Id(Store.Latest));
        }
    }

    [Fact]
    public async Task Witness_HeadBehindOrForked_IsRefusedByRule_AndTheSameHeadAgainIsTakenAsIs()
    {
        using var witness = new AuditWitness(Store);
        await witness.WitnessAsync(Head("p1", 10), [], default);

        var behind = await Assert.ThrowsAsync<PermissionDeniedException>(() => witness.WitnessAsync(Head("p1", 9), [], default));
        var forked = await Assert.ThrowsAsync<PermissionDeniedException>(() => witness.WitnessAsync(Head("p1", 10, salt: "-other"), [], default));
        var again = await witness.WitnessAsync(Head("p1", 10), [], default);
        var ahead = await witness.WitnessAsync(Head("p1", 11), [], default);

        Assert.Equal((AuditWitness.SequenceRule, AuditWitness.ForkRule), (behind.Rule, forked.Rule));
        Assert.Equal(Id(Head("p1", 10)), Id(again));
        Assert.Equal(Id(Head("p1", 11)), Id(Store.LatestOf("p1")));
    }
}
