using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>
/// A request to publish a passport version. An empty id means "take it from the body".
/// <paramref name="KeepUnknownSections"/>: top-level sections no schema knows are kept, owner-only
/// and unindexed, instead of refused.
/// </summary>
public sealed record PublishCommand(string? PassportId, string SchemaId, PassportBody Body, long? ExpectedVersion, bool KeepUnknownSections = false);
