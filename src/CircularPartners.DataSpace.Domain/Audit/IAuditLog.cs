namespace CircularPartners.DataSpace.Domain.Audit;

/// <summary>The provider's append-only, hash-chained access log.</summary>
public interface IAuditLog
{
    /// <summary>Seals and durably appends an entry; returns it once it is on disk.</summary>
    Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// Entries from a sequence number on, optionally only those about one owner's data, as stored:
    /// where replicas share the log, entries appended through the others are included.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(string? owner, long fromSequence, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The last entry known to be durable; null while the log is empty. Where replicas share the
    /// log, entries appended through the others are known after the log's next refresh.
    /// </summary>
    AuditEntry? Head { get; }

    /// <summary>
    /// Re-reads the whole log from storage and verifies the chain, and that it still contains
    /// each of <paramref name="heads"/> (see <see cref="AuditChain.Verify"/>).
    /// </summary>
    Task<AuditVerification> VerifyAsync(IReadOnlyList<CheckedHead>? heads, CancellationToken cancellationToken);
}
