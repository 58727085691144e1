namespace CircularPartners.DataSpace.Domain.Audit;

/// <summary>The provider's append-only, hash-chained access log.</summary>
public interface IAuditLog
{
    /// <summary>Seals and durably appends an entry; returns it once it is on disk.</summary>
    Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken);

    /// <summary>Entries from a sequence number on, optionally only those about one owner's data.</summary>
    IReadOnlyList<AuditEntry> Read(string? owner, long fromSequence, int limit);

    /// <summary>The last entry known to be durable; null while the log is empty.</summary>
    AuditEntry? Head { get; }

    /// <summary>
    /// Re-reads the whole log from storage and verifies the chain, and that it still contains
    /// each of <paramref name="heads"/> (see <see cref="AuditChain.Verify"/>).
    /// </summary>
    AuditVerification Verify(IReadOnlyList<CheckedHead>? heads = null);
}
