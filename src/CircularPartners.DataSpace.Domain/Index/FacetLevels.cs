using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// The access levels of a passport's facets as the index reads them: a missing level is the
/// owner's, and a record whose every facet a reader may see needs no check per value.
/// </summary>
internal static class FacetLevels
{
    /// <summary>The highest level among the facets present: a reader at or above it sees them all.</summary>
    public static AccessLevel Ceiling(PassportFacets facets)
    {
        var ceiling = AccessLevel.Public;
        Raise(ref ceiling, facets.Materials.Count, facets.MaterialLevels);
        Raise(ref ceiling, facets.CasNumbers.Count, facets.CasLevels);
        if (facets.Category.Length > 0)
        {
            ceiling = Max(ceiling, facets.CategoryLevel ?? AccessLevel.Owner);
        }
        if (facets.RecycledContentPercent is not null)
        {
            ceiling = Max(ceiling, facets.RecycledContentLevel ?? AccessLevel.Owner);
        }
        return ceiling;
    }

    /// <summary>Whether <paramref name="value"/> is among <paramref name="values"/> at a level the reader reaches.</summary>
    public static bool Sees(IReadOnlyList<string> values, IReadOnlyList<AccessLevel>? levels, string value, AccessLevel reader)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return levels is not null && levels.Count == values.Count && levels[i] <= reader;
            }
        }
        return false;
    }

    private static void Raise(ref AccessLevel ceiling, int count, IReadOnlyList<AccessLevel>? levels)
    {
        if (count == 0)
        {
            return;
        }
        if (levels is null || levels.Count != count)
        {
            ceiling = AccessLevel.Owner;
            return;
        }
        for (var i = 0; i < levels.Count; i++)
        {
            ceiling = Max(ceiling, levels[i]);
        }
    }

    private static AccessLevel Max(AccessLevel a, AccessLevel b) => a > b ? a : b;

    /// <summary>Level lists repeat across passports (most are all public); the index keeps one instance of each.</summary>
    public sealed class Patterns
    {
        private readonly HashSet<AccessLevel[]> _shared = new(Comparer.Instance);

        public IReadOnlyList<AccessLevel>? Share(IReadOnlyList<AccessLevel>? levels)
        {
            if (levels is null)
            {
                return null;
            }
            var array = levels as AccessLevel[] ?? [.. levels];
            if (_shared.TryGetValue(array, out var shared))
            {
                return shared;
            }
            _shared.Add(array);
            return array;
        }

        private sealed class Comparer : IEqualityComparer<AccessLevel[]>
        {
            public static readonly Comparer Instance = new();

            public bool Equals(AccessLevel[]? x, AccessLevel[]? y) => x.AsSpan().SequenceEqual(y);

            public int GetHashCode(AccessLevel[] obj)
            {
                var hash = new HashCode();
                foreach (var level in obj)
                {
                    hash.Add((int)level);
                }
                return hash.ToHashCode();
            }
        }
    }
}
