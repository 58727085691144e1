using System.Collections.Concurrent;
using CircularPartners.DataSpace.Domain.Errors;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// The ids of single-use data-access tokens already spent on this connector. An id is kept until
/// its token expires (after that the token is refused on lifetime anyway), so the set stays as
/// small as the tokens issued within one token lifetime. Held in memory: a restart forgets spent
/// ids, and each replica keeps its own set (see docs/sharing.md).
/// </summary>
internal sealed class SingleUseTokens(TimeProvider time)
{
    public const string ReplayRule = "token.single-use-replayed";
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _spent = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Spent ids still remembered (those of tokens not yet expired, and any since the last sweep).</summary>
    public int Count => _spent.Count;

    /// <summary>Records this use of a single-use token; refuses a token whose id was already used. Reusable tokens pass.</summary>
    public void Spend(VerifiedAccess access)
    {
        if (!access.SingleUse)
        {
            return;
        }
        SweepExpired();
        if (!_spent.TryAdd(access.TokenId, access.Expires))
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
