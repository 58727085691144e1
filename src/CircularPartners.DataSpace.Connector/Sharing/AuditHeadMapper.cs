using CircularPartners.DataSpace.Domain.Audit;
using Google.Protobuf.WellKnownTypes;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>Signed audit heads between the wire and the domain.</summary>
internal static class AuditHeadMapper
{
    public static Contracts.V1.SignedAuditHead ToWire(SignedAuditHead head) => new()
    {
        ParticipantId = head.ParticipantId,
        Sequence = head.Sequence,
        Hash = head.Hash,
        SignedAt = Timestamp.FromDateTimeOffset(head.SignedAt),
        PublicKey = head.PublicKey,
        Signature = head.Signature,
        LogId = head.LogId,
    };

    public static SignedAuditHead ToDomain(Contracts.V1.SignedAuditHead head) => new(
        head.ParticipantId, head.Sequence, head.Hash, head.SignedAt?.ToDateTimeOffset() ?? default, head.PublicKey, head.Signature, head.LogId);
}
