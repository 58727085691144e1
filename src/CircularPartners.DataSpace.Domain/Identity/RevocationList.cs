using System.Collections.Concurrent;

namespace CircularPartners.DataSpace.Domain.Identity;

/// <summary>A participant that left, or a single credential, revoked by the secretariat.</summary>
public sealed record Revocation(long Sequence, string? ParticipantId, string? CredentialId, DateTimeOffset RevokedAt);

/// <summary>
/// Revocations this connector knows of, consulted on every call (also for cached credentials).
/// On the secretariat's connector it is fed directly; elsewhere by following the registry.
/// </summary>
public sealed class RevocationList
{
    private readonly ConcurrentDictionary<string, byte> _participants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _credentials = new(StringComparer.Ordinal);
    private long _lastSequence;

    public long LastSequence => Interlocked.Read(ref _lastSequence);

    public bool IsRevoked(string participantId, string? credentialId) =>
        _participants.ContainsKey(participantId) || (credentialId is not null && _credentials.ContainsKey(credentialId));

    public void Apply(Revocation revocation)
    {
        if (revocation.ParticipantId is { Length: > 0 } participant)
        {
            _participants[participant] = 0;
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
}
