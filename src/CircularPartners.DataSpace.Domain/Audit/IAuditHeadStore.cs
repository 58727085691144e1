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

    /// <summary>
    /// Appends durably; returns once it is stored. Where replicas share the store, throws
    /// <see cref="AuditHeadConflictException"/> when another replica appended a head for the same
    /// log since this store last saw one: the store has taken that head in, so the caller can check
    /// its rules against it and try again. Nothing stored is ever overwritten.
    /// </summary>
    Task AppendAsync(SignedAuditHead head, CancellationToken cancellationToken);
}

/// <summary>Another writer appended a head for the same log first; <see cref="IAuditHeadStore.LatestOf"/> now returns it.</summary>
public sealed class AuditHeadConflictException(string witnessKey)
    : Errors.DomainException($"Another replica recorded an audit head for {witnessKey} at the same moment; try again.")
{
    public string WitnessKey { get; } = witnessKey;
}
