using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>The consumer side's relationship changes, written to this connector's audit log.</summary>
internal sealed class RelationshipAudit(SharingAudit audit) : IRelationshipAudit
{
    public Task RecordAsync(RelationshipChange change, CancellationToken cancellationToken) => audit.ChangedAsync(change, cancellationToken);
}
