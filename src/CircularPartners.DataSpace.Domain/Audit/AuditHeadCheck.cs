namespace CircularPartners.DataSpace.Domain.Audit;

/// <summary>
/// Compares a log with the heads it was signed at. A log may run ahead of its last signed head
/// (entries since the last signing); it may not end before it, nor hold another entry where the
/// head was signed.
/// </summary>
public static class AuditHeadCheck
{
    /// <summary>The action of the entry a connector appends when it finds its log behind a signed head.</summary>
    public const string GapAction = "audit.gap";

    /// <summary>
    /// Null when the log contains <paramref name="head"/>; otherwise what is wrong, e.g.
    /// "log ends at 72, signed head at 73".
    /// </summary>
    /// <param name="logEnd">The last sequence in the log (0 when empty).</param>
    /// <param name="hashAtHead">The log's entry hash at the head's sequence, when the log reaches it.</param>
    /// <param name="head">The signed head.</param>
    /// <param name="what">How to call the head: "signed head" or "witnessed head".</param>
    public static string? Problem(long logEnd, string? hashAtHead, SignedAuditHead head, string what) =>
        logEnd < head.Sequence ? $"log ends at {logEnd}, {what} at {head.Sequence}"
        : hashAtHead != head.Hash ? $"entry {head.Sequence} differs from the {what} at {head.Sequence} (the log was replaced or rewritten)"
        : null;
}
