using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>Which of a provider's passports an offer or agreement covers; every given part must match.</summary>
public sealed record DatasetSelector(IReadOnlyList<string> PassportIds, string? Category, string? UseCase)
{
    public bool Matches(PassportRecord passport, string provider) =>
        passport.Owner == provider
        && (PassportIds.Count == 0 || PassportIds.Contains(passport.PassportId))
        && (string.IsNullOrEmpty(Category) || passport.Facets.Category == Category || passport.Facets.Category.StartsWith(Category + "/", StringComparison.Ordinal))
        && (string.IsNullOrEmpty(UseCase) || passport.Facets.UseCase == UseCase);
}
