using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Membership;

namespace CircularPartners.DataSpace.Connector.Membership;

/// <summary>
/// The registry as witness of its members' audit logs: it keeps heads only for active members,
/// and accepts any signing key a member registered besides the one its first head pinned.
/// </summary>
internal sealed class RegistryAuditWitness(AuditWitness witness, IMembershipStore members)
{
    public const string MembersOnlyRule = "audit-head.members-only";

    public Task<SignedAuditHead> WitnessAsync(SignedAuditHead head, CancellationToken cancellationToken)
    {
        var member = members.Participants.FirstOrDefault(p => p.ParticipantId == head.ParticipantId && p.Active)
            ?? throw new PermissionDeniedException(MembersOnlyRule,
                $"This registry witnesses the audit heads of its active members only; '{head.ParticipantId}' is not one (rule {MembersOnlyRule}).");
        return witness.WitnessAsync(head, member.SigningKeys, cancellationToken);
    }

    public SignedAuditHead Latest(string participantId, string logId) =>
        witness.LatestOf(participantId, logId) ?? throw new ResourceNotFoundException("witnessed audit head", logId.Length == 0 ? participantId : $"{participantId}/{logId}");
}
