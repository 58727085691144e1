using System.Collections.Concurrent;

namespace CircularPartners.DataSpace.Domain.Identity;

/// <summary>
/// A participant that left (every credential issued to it up to <see cref="RevokedAt"/>), or a
/// single credential, revoked by the secretariat.
/// </summary>
public sealed record Revocation(long Sequence, string? ParticipantId, string? CredentialId, DateTimeOffset RevokedAt);

/// <summary>
/// Revocations this connector knows of, consulted on every call (also for cached credentials).
/// On the secretariat's connector it is fed directly; elsewhere by following the registry.
/// A participant's leaving revokes the credentials issued to it until then, not the participant
/// id forever: after re-joining it signs in with a new credential while the old ones stay refused.
/// </summary>
public sealed class RevocationList
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _participants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _credentials = new(StringComparer.Ordinal);
    private long _lastSequence;

    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>
    /// Whether a credential is refused: its id was revoked, or its participant left at or after the
    /// moment it was issued. Issued-at has whole-second precision (JWT <c>iat</c>), so a credential
    /// issued in the second of the leaving counts as issued before it; one without <c>iat</c>
    /// (<paramref name="issuedAt"/> null) is refused once its participant has ever left.
    /// </summary>
    public bool IsRevoked(string participantId, DateTimeOffset? issuedAt, string? credentialId) =>
        (credentialId is not null && _credentials.ContainsKey(credentialId))
        || (_participants.TryGetValue(participantId, out var left) && (issuedAt is not { } issued || issued <= WholeSecond(left)));

    public void Apply(Revocation revocation)
    {
        if (revocation.ParticipantId is { Length: > 0 } participant)
        {
            _participants.AddOrUpdate(participant, revocation.RevokedAt, (_, known) => known > revocation.RevokedAt ? known : revocation.RevokedAt);
        }
        if (revocation.CredentialId is { Length: > 0 } credential)
        {
            _credentials[credential] = 0;
        }
        long seen;
        do
        {
            seen = LastSequence;
        }
        while (revocation.Sequence > seen && Interlocked.CompareExchange(ref _lastSequence, revocation.Sequence, seen) != seen);
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());
}
