using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// A query's facet values in the form the index keeps them: for each material the terms one
/// material of the passport must all have (<see cref="Index.MaterialTerms"/>), CAS numbers
/// trimmed, the category without slashes at its ends.
/// </summary>
internal sealed record Wanted(string[][] MaterialTerms, string[] CasNumbers, string? Category, string? UseCase, string? Owner)
{
    public static Wanted Of(PassportQuery query) => new(
        [.. query.Materials.Select(Index.MaterialTerms.Wanted)],
        [.. query.CasNumbers.Select(c => c.Trim())],
        query.Category?.Trim('/'),
        query.UseCase,
        query.Owner);

    /// <summary>
    /// Whether a reader at <paramref name="level"/> sees every wanted material (as the index found
    /// them: <paramref name="materials"/>, in the order of <see cref="MaterialTerms"/>), CAS number and the category.
    /// </summary>
    public bool Sees(PassportFacets facets, AccessLevel level, MaterialMatch[] materials)
    {
        foreach (var material in materials)
        {
            if (!SeesMaterial(facets, material, level))
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

    private static bool SeesMaterial(PassportFacets facets, MaterialMatch material, AccessLevel level)
    {
        // Runs per candidate: the value compare first (one string compare for most phrases), the level only for a match.
        var values = facets.Materials;
        var levels = facets.MaterialLevels;
        var count = values.Count;
        var levelsKnown = levels is not null && levels.Count == count;
        for (var i = 0; i < count; i++)
        {
            if (material.Matches(values[i]) && (levelsKnown ? levels![i] : AccessLevel.Owner) <= level)
            {
                return true;
            }
        }
        return false;
    }
}
