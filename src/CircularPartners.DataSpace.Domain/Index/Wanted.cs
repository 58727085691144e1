using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>A query's facet values in the form the index keeps them (normalized, trimmed).</summary>
internal sealed record Wanted(string[] Materials, string[] CasNumbers, string? Category, string? UseCase, string? Owner)
{
    public static Wanted Of(PassportQuery query) => new(
        [.. query.Materials.Select(FacetExtractor.NormalizeMaterial)],
        [.. query.CasNumbers.Select(c => c.Trim())],
        query.Category?.Trim('/'),
        query.UseCase,
        query.Owner);

    /// <summary>Whether a reader at <paramref name="level"/> sees every wanted material, CAS number and the category.</summary>
    public bool Sees(PassportFacets facets, AccessLevel level)
    {
        foreach (var material in Materials)
        {
            if (!FacetLevels.Sees(facets.Materials, facets.MaterialLevels, material, level))
            {
                return false;
            }
        }
        foreach (var cas in CasNumbers)
        {
            if (!FacetLevels.Sees(facets.CasNumbers, facets.CasLevels, cas, level))
            {
                return false;
            }
        }
        return string.IsNullOrEmpty(Category) || (facets.CategoryLevel ?? AccessLevel.Owner) <= level;
    }
}
