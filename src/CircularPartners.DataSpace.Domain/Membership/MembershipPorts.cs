using CircularPartners.DataSpace.Domain.Identity;

namespace CircularPartners.DataSpace.Domain.Membership;

/// <summary>Durable membership state: participants (latest record per id wins) and revocations.</summary>
public interface IMembershipStore
{
    IReadOnlyCollection<Participant> Participants { get; }
    IReadOnlyList<Revocation> Revocations { get; }
    Task SaveParticipantAsync(Participant participant, CancellationToken cancellationToken);
    Task SaveRevocationAsync(Revocation revocation, CancellationToken cancellationToken);
}

/// <summary>Signs membership credentials with the secretariat's key.</summary>
public interface ICredentialSigner
{
    IssuedCredential Sign(Participant participant, string? audience, TimeSpan lifetime);
}

public sealed record IssuedCredential(string Token, string CredentialId, DateTimeOffset ExpiresAt);

/// <summary>Pushes a revocation to every following connector and waits for them to apply it.</summary>
public interface IRevocationBroadcaster
{
    Task BroadcastAsync(Revocation revocation, CancellationToken cancellationToken);
}
