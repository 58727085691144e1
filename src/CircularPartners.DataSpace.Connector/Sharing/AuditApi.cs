using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using Google.Protobuf.WellKnownTypes;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// The owner's view of the audit log (only entries about its own data; the connector's operator
/// sees every entry) and the chain check.
/// </summary>
internal sealed class AuditApi(IAuditLog log, AuditOperator connectorOperator, OwnAuditHeads own, AuditHeadWitness witness)
{
    public async Task<ListAuditResponse> ListAsync(Caller owner, ListAuditRequest request, CancellationToken cancellationToken)
    {
        var entries = await log.ReadAsync(connectorOperator.Is(owner.ParticipantId) ? null : owner.ParticipantId, Math.Max(1, request.FromSequence),
            request.Limit > 0 ? request.Limit : 1000, cancellationToken);
        var response = new ListAuditResponse { Records = { entries.Select(ToWire) } };
        if (request.Format == "csv")
        {
            response.Export = AuditChain.ToCsv(entries);
        }
        return response;
    }

    /// <summary>The chain, and that the log still reaches its last signed head and the witnessed one.</summary>
    public async Task<VerifyAuditResponse> VerifyAsync(CancellationToken cancellationToken)
    {
        var heads = new List<CheckedHead>();
        if (own.Store.Latest is { } signed)
        {
            heads.Add(new CheckedHead(signed, "signed head"));
        }
        var witnessName = witness.Name;
        Domain.Audit.SignedAuditHead? witnessed = null;
        try
        {
            witnessed = await witness.LatestOfAsync(connectorOperator.ParticipantId, cancellationToken);
        }
        catch (RemoteUnavailableException unavailable)
        {
            witnessName = unavailable.Message;
        }
        if (witnessed is not null)
        {
            heads.Add(new CheckedHead(witnessed, "witnessed head"));
        }
        var result = await log.VerifyAsync(heads, cancellationToken);
        return new VerifyAuditResponse
        {
            Intact = result.Intact,
            Entries = result.Entries,
            FirstBrokenSequence = result.FirstBrokenSequence,
            Problem = result.Problem ?? "",
            SignedHeadSequence = own.Store.Latest?.Sequence ?? 0,
            WitnessedHeadSequence = witnessed?.Sequence ?? 0,
            Witness = witnessName,
        };
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
