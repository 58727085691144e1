using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Membership;

namespace CircularPartners.DataSpace.Connector.Membership;

/// <summary>Signs membership credentials with the issuer key, when this connector holds it.</summary>
internal sealed class SecretariatSigner(TrustedIssuer trusted, TimeProvider time) : ICredentialSigner
{
    public IssuedCredential Sign(Participant participant, string? audience, TimeSpan lifetime)
    {
        var signer = trusted.Signer ?? throw new RemoteRejectedException(
            "This connector does not hold the membership issuer's key; credentials are issued by the secretariat's connector.");
        var credentialId = Guid.NewGuid().ToString("N");
        var token = signer.IssueWithId(participant.ParticipantId, participant.Roles, string.IsNullOrEmpty(audience) ? trusted.Audience : audience, lifetime, credentialId);
        return new IssuedCredential(token, credentialId, time.GetUtcNow() + lifetime);
    }
}
