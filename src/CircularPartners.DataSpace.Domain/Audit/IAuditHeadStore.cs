namespace CircularPartners.DataSpace.Domain.Audit;

/// <summary>
/// An append-only file of signed audit heads: a connector's own (kept apart from its log) or, at
/// the witness, every participant's. Nothing is ever rewritten, so earlier heads stay as evidence.
/// </summary>
public interface IAuditHeadStore
{
    /// <summary>The last head appended, whoever it is for; null when there is none.</summary>
    SignedAuditHead? Latest { get; }

    /// <summary>The last head appended for one participant's log (<see cref="SignedAuditHead.WitnessKey"/>); null when there is none.</summary>
    SignedAuditHead? LatestOf(string witnessKey);

    /// <summary>Appends durably; returns once it is on disk.</summary>
    Task AppendAsync(SignedAuditHead head, CancellationToken cancellationToken);
}
