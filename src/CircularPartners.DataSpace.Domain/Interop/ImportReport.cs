namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>A source field that landed in the passport: JSON Pointer in the source → JSON Pointer in the passport body.</summary>
public sealed record FieldMapping(string Source, string Target);

/// <summary>A source field that did not land, and why.</summary>
public sealed record DroppedField(string Source, string Reason);

/// <summary>
/// What an import did with every data field of the source: mapped (where to) or dropped (why);
/// plus the encoding detected and what the check against the source's own schema found.
/// </summary>
public sealed record ImportReport(
    string Format,
    string Encoding,
    string SourceSha256,
    IReadOnlyList<FieldMapping> Mapped,
    IReadOnlyList<DroppedField> Dropped,
    IReadOnlyList<string> SchemaNotes);
