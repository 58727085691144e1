using System.Security.Cryptography;
using CircularPartners.DataSpace.Domain.Audit;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IAuditLog"/> must have. Each implementation derives from this
/// class and says how to open (and re-open) a log on the same underlying data.
/// </summary>
public abstract class AuditLogContract : IAsyncLifetime
{
    private IAuditLog? _log;

    protected IAuditLog Log => _log ?? throw new InvalidOperationException("Log not opened.");

    /// <summary>Opens a log over this test's data; called again by <see cref="ReopenAsync"/>.</summary>
    protected abstract Task<IAuditLog> OpenAsync();

    protected abstract Task CloseAsync(IAuditLog log);

    public async Task InitializeAsync() => _log = await OpenAsync();

    public async Task DisposeAsync()
    {
        if (_log is not null)
        {
            await CloseAsync(_log);
        }
    }

    protected async Task ReopenAsync()
    {
        await CloseAsync(Log);
        _log = await OpenAsync();
    }

    public static AuditDraft Draft(string owner = "owner", string actor = "actor", int i = 0) =>
        new(actor, owner, "passport.get", "agreement-1", [$"p-{i}"], ["public"], "recycling", true, null);

    [Fact]
    public async Task Empty_HasNoHead_ReadsNothing_AndVerifies()
    {
        var verification = await Log.VerifyAsync(null, default);

        Assert.Null(Log.Head);
        Assert.Empty(await Log.ReadAsync(null, 1, 100, default));
        Assert.Equal((true, 0L), (verification.Intact, verification.Entries));
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrent_OneContiguousChainThatVerifies()
    {
        var appended = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => Task.Run(() => Log.AppendAsync(Draft(actor: $"actor-{i}", i: i), default))));

        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), appended.Select(e => e.Sequence).Order());
        Assert.Equal(120, Log.Head!.Sequence);
        var read = await Log.ReadAsync(null, 1, 1000, default);
        Assert.Equal(appended.OrderBy(e => e.Sequence).Select(e => e.Hash), read.Select(e => e.Hash));
        var verification = await Log.VerifyAsync(null, default);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(120, verification.Entries);
    }

    [Fact]
    public async Task AppendAsync_AfterReopen_ContinuesTheChain()
    {
        AuditEntry last = null!;
        for (var i = 0; i < 9; i++)
        {
            last = await Log.AppendAsync(Draft(i: i), default);
        }

        await ReopenAsync();
        var head = Log.Head;
        var next = await Log.AppendAsync(Draft(i: 9), default);

        Assert.Equal(last.Hash, head?.Hash);
        Assert.Equal((10L, last.Hash), (next.Sequence, next.PreviousHash));
        Assert.True((await Log.VerifyAsync(null, default)).Intact);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(5L)]
    [InlineData(8L)]
    [InlineData(20L)]
    public async Task ReadAsync_OneOwnerFromASequence_ReturnsTheirEntriesInOrderUpToTheLimit(long from)
    {
        var appended = new List<AuditEntry>();
        for (var i = 0; i < 24; i++)
        {
            appended.Add(await Log.AppendAsync(Draft(owner: $"owner-{i % 3}", i: i), default));
        }

        var expected = appended.Where(e => e.Sequence >= from && e.Owner == "owner-1").Take(3).Select(e => e.Hash);
        Assert.Equal(expected, (await Log.ReadAsync("owner-1", from, 3, default)).Select(e => e.Hash));
        Assert.Equal(Math.Min(24 - from + 1, 10), (await Log.ReadAsync(null, from, 10, default)).Count);
    }

    [Fact]
    public async Task VerifyAsync_SignedHeadBeyondTheLog_NamesTheGap()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var last = await Log.AppendAsync(Draft(), default);
        var ahead = AuditChain.Seal(Draft(), last.Sequence + 1, last.Time, last.Hash);
        var signed = SignedAuditHead.Sign("owner", last, last.Time, key);
        var beyond = SignedAuditHead.Sign("owner", ahead, last.Time, key);

        var intact = await Log.VerifyAsync([new CheckedHead(signed, "signed head")], default);
        var gap = await Log.VerifyAsync([new CheckedHead(beyond, "signed head")], default);

        Assert.True(intact.Intact, intact.Problem);
        Assert.Equal((false, "log ends at 1, signed head at 2"), (gap.Intact, gap.Problem));
    }
}
