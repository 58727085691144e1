namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>
/// A version about to be appended. The store assigns the version number and keeps the first
/// version's publication time as the passport's creation time.
/// </summary>
public sealed record NewPassportVersion(
    string PassportId,
    string Owner,
    string SchemaId,
    string ContentHash,
    DateTimeOffset PublishedAt,
    PassportStatus Status,
    string Json,
    string? WithdrawalReason,
    PassportFacets Facets)
{
    public PassportRecord ToRecord(long version, DateTimeOffset createdAt) => new(
        PassportId, version, Owner, SchemaId, ContentHash, createdAt, PublishedAt, Status, Json,
        WithdrawalReason, Facets);
}
