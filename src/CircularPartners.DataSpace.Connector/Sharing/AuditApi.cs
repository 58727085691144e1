using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.Identity;
using Google.Protobuf.WellKnownTypes;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>The owner's view of the audit log (only entries about its own data) and the chain check.</summary>
internal sealed class AuditApi(IAuditLog log)
{
    public Task<ListAuditResponse> ListAsync(Caller owner, ListAuditRequest request, CancellationToken cancellationToken)
    {
        var entries = log.Read(owner.ParticipantId, Math.Max(1, request.FromSequence), request.Limit > 0 ? request.Limit : 1000);
        var response = new ListAuditResponse { Records = { entries.Select(ToWire) } };
        if (request.Format == "csv")
        {
            response.Export = AuditChain.ToCsv(entries);
        }
        return Task.FromResult(response);
    }

    public Task<VerifyAuditResponse> VerifyAsync(CancellationToken cancellationToken)
    {
        var result = log.Verify();
        return Task.FromResult(new VerifyAuditResponse
        {
            Intact = result.Intact,
            Entries = result.Entries,
            FirstBrokenSequence = result.FirstBrokenSequence,
            Problem = result.Problem ?? "",
        });
    }

    private static AuditRecord ToWire(AuditEntry e) => new()
    {
        Sequence = e.Sequence,
        Time = Timestamp.FromDateTimeOffset(e.Time),
        Actor = e.Actor,
        Owner = e.Owner,
        Action = e.Action,
        AgreementId = e.AgreementId ?? "",
        PassportIds = { e.PassportIds },
        Sections = { e.Sections },
        Purpose = e.Purpose ?? "",
        Outcome = e.Outcome,
        Reason = e.Reason ?? "",
        PreviousHash = e.PreviousHash,
        Hash = e.Hash,
        Details = { (e.Details ?? new Dictionary<string, string>()).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal) },
    };
}
