namespace CircularPartners.DataSpace.Domain.Audit;

/// <summary>The provider's append-only, hash-chained access log.</summary>
public interface IAuditLog
{
    /// <summary>Seals and durably appends an entry; returns it once it is on disk.</summary>
    Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken);

    /// <summary>Entries from a sequence number on, optionally only those about one owner's data.</summary>
    IReadOnlyList<AuditEntry> Read(string? owner, long fromSequence, int limit);

    /// <summary>Re-reads the whole log from storage and verifies the chain.</summary>
    AuditVerification Verify();
}
