using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Connector.Identity;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// The effective operator of this connector: <c>Connector:Operator</c>, else the development
/// profile's participant. Audit records that concern no known owner are the operator's, and the
/// operator reads the whole log.
/// </summary>
internal sealed class AuditOperator(IOptions<ConnectorOptions> connector, IOptions<IdentityOptions> identity)
{
    /// <summary>Empty when neither is configured (no development profile, no operator).</summary>
    public string ParticipantId { get; } = connector.Value.Operator is { Length: > 0 } configured ? configured
        : string.IsNullOrWhiteSpace(identity.Value.Issuer) ? DevelopmentIdentity.ParticipantId
        : "";

    public bool Is(string participantId) => ParticipantId.Length > 0 && participantId == ParticipantId;
}
