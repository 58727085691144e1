namespace CircularPartners.DataSpace.Domain.Audit;

/// <summary>
/// One access decision in the provider's log. <see cref="Hash"/> covers every other field and
/// the previous entry's hash, so changing, removing or reordering an entry breaks the chain.
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Time,
    string Actor,
    string Owner,
    string Action,
    string? AgreementId,
    IReadOnlyList<string> PassportIds,
    IReadOnlyList<string> Sections,
    string? Purpose,
    string Outcome,
    string? Reason,
    string PreviousHash,
    string Hash);

/// <summary>
/// An entry before the log gives it its place in the chain. Its outcome is "granted" or "denied"
/// unless <see cref="Outcome"/> says otherwise (e.g. "detected" for a gap the connector found).
/// </summary>
public sealed record AuditDraft(
    string Actor, string Owner, string Action, string? AgreementId, IReadOnlyList<string> PassportIds,
    IReadOnlyList<string> Sections, string? Purpose, bool Granted, string? Reason, string? Outcome = null);

/// <summary>A signed head to check a log against, and how to name it in a finding ("signed head", "witnessed head").</summary>
public sealed record CheckedHead(SignedAuditHead Head, string What);

/// <summary>The result of checking the chain: intact, or where it first breaks and how.</summary>
public sealed record AuditVerification(bool Intact, long Entries, long FirstBrokenSequence, string? Problem);
