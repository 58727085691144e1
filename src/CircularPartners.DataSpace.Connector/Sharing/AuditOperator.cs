using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// The effective operator of this connector, as publishing resolves it (<c>Connector:Operator</c>,
/// else the development profile's participant): audit records that concern no known owner are the
/// operator's, and the operator reads the whole log.
/// </summary>
internal sealed class AuditOperator(PublishSettings publishing)
{
    public string ParticipantId { get; } = publishing.Operator;

    public bool Is(string participantId) => participantId == ParticipantId;
}
