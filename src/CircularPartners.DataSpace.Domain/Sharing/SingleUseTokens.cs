using System.Collections.Concurrent;
using CircularPartners.DataSpace.Domain.Errors;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// The ids of single-use data-access tokens already spent on this connector. An id is kept until
/// its token expires (after that the token is refused on lifetime anyway), so the set stays as
/// small as the tokens issued within one token lifetime. The in-memory set answers replays to
/// this replica at once; the sharing store records each use too, so with replicas sharing an
/// Azure container a replay sent to another replica is refused as well (see docs/sharing.md).
/// </summary>
public sealed class SingleUseTokens(TimeProvider time, ISharingStore store)
{
    public const string ReplayRule = "token.single-use-replayed";
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _spent = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Spent ids still remembered (those of tokens not yet expired, and any since the last sweep).</summary>
    public int Count => _spent.Count;

    /// <summary>Records this use of a single-use token; refuses a token whose id was already used. Reusable tokens pass.</summary>
    public async Task SpendAsync(VerifiedAccess access, CancellationToken cancellationToken)
    {
        if (!access.SingleUse)
        {
            return;
        }
        SweepExpired();
        if (!_spent.TryAdd(access.TokenId, access.Expires) || !await store.TrySpendTokenAsync(access.TokenId, access.Expires, cancellationToken))
        {
            throw new PermissionDeniedException(ReplayRule, "This single-use data-access token was already used; request a new one.");
        }
    }

    private void SweepExpired()
    {
        var now = time.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }
        _nextSweep = now + SweepInterval;
        foreach (var (id, expires) in _spent)
        {
            if (expires <= now)
            {
                _spent.TryRemove(id, out _);
            }
        }
    }
}
