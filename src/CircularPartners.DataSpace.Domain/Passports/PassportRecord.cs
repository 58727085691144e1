namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>One immutable, stored version of a passport.</summary>
public sealed record PassportRecord(
    string PassportId,
    long Version,
    string Owner,
    string SchemaId,
    string ContentHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset PublishedAt,
    PassportStatus Status,
    string Json,
    string? WithdrawalReason,
    PassportFacets Facets);
