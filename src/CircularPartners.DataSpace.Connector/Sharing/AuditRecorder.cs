using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Domain.Audit;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>Writes access decisions to the hash-chained audit log.</summary>
internal sealed class AuditRecorder(IAuditLog log, ConnectorMetrics metrics) : IAccessRecorder
{
    public async Task RecordAsync(AccessRecord record, CancellationToken cancellationToken)
    {
        var started = metrics.AuditStarted();
        await log.AppendAsync(new AuditDraft(record.Actor, record.Owner, record.Action, record.AgreementId, record.PassportIds,
            record.Sections, record.Purpose, record.Granted, record.Reason, Details: record.Details), cancellationToken);
        metrics.AuditAppended(started);
    }
}
