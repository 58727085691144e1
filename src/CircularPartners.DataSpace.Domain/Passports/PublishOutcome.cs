namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>
/// What a publish did: stored <paramref name="Passport"/> as a new version, or, when
/// <paramref name="Unchanged"/>, found the document identical to the current version
/// (<paramref name="Passport"/>) and wrote nothing.
/// </summary>
public sealed record PublishOutcome(PassportRecord Passport, bool Unchanged);
