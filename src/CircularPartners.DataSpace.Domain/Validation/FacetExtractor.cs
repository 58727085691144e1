using System.Text.Json;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>
/// Pulls the searchable values out of a validated passport, following the conventions in
/// schemas/README.md: any <c>casNumber</c> and <c>materialName</c> at any depth,
/// <c>/product/category</c> and <c>/recycledContentPercent</c>, each with the access level at
/// which a reader sees it.
/// </summary>
/// <remarks>
/// The walk mirrors <see cref="AccessFilter"/> exactly: a value reaches a reader at level L iff
/// every class along its path is at most L; a property the map does not describe reaches the owner
/// only; below an array without an item map (or a scalar array item) everything is copied as is, so
/// it counts at the level reached there. A value seen in several places counts at its least
/// restricted place. Then "match the facets visible at L" equals "filter the body at L, then match".
/// </remarks>
internal static class FacetExtractor
{
    /// <summary>
    /// The facets with their levels; with no access map (unknown schema) everything is the owner's.
    /// Top-level sections <paramref name="unindexed"/> names (kept, unknown to every schema) are not searched.
    /// </summary>
    public static PassportFacets Extract(JsonElement root, string useCase, AccessMap? access, Func<string, bool>? unindexed = null)
    {
        var found = new Found();
        if (access is null)
        {
            Raw(root, AccessLevel.Owner, found);
        }
        else
        {
            Described(root, access, AccessLevel.Public, found, unindexed);
        }
        var (category, categoryLevel) = Category(root, access);
        var (recycled, recycledLevel) = RecycledContent(root, access);
        var materials = found.Materials.Keys.Order(StringComparer.Ordinal).ToArray();
        var casNumbers = found.CasNumbers.Keys.Order(StringComparer.Ordinal).ToArray();
        return new PassportFacets(useCase, category, materials, casNumbers, recycled)
        {
            MaterialLevels = Array.ConvertAll(materials, m => found.Materials[m]),
            CasLevels = Array.ConvertAll(casNumbers, c => found.CasNumbers[c]),
            CategoryLevel = categoryLevel,
            RecycledContentLevel = recycledLevel,
            Stage = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("lifecycleStage", out var stage)
                && stage.ValueKind == JsonValueKind.String ? stage.GetString() : "",
            ProductKeys = ProductKeyExtractor.Extract(root, access),
        };
    }

    /// <summary>Material names are matched case-insensitively, so they are kept lower-case.</summary>
    public static string NormalizeMaterial(string material) => material.Trim().ToLowerInvariant();

    private static (string Value, AccessLevel Level) Category(JsonElement root, AccessMap? access)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("product", out var product) || product.ValueKind != JsonValueKind.Object
            || !product.TryGetProperty("category", out var category) || category.ValueKind != JsonValueKind.String)
        {
            return ("", AccessLevel.Owner);
        }
        var productMap = access?.Property("product");
        var categoryMap = productMap?.Property("category");
        var level = categoryMap is null ? AccessLevel.Owner : Max(Level(productMap!), Level(categoryMap));
        return (category.GetString()!, level);
    }

    private static (double? Value, AccessLevel Level) RecycledContent(JsonElement root, AccessMap? access)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("recycledContentPercent", out var recycled) || recycled.ValueKind != JsonValueKind.Number)
        {
            return (null, AccessLevel.Owner);
        }
        return (recycled.GetDouble(), access?.Property("recycledContentPercent") is { } map ? Level(map) : AccessLevel.Owner);
    }

    /// <summary>An element under a map: an object's properties each at their own class (AccessFilter's Object).</summary>
    private static void Described(JsonElement element, AccessMap map, AccessLevel level, Found found, Func<string, bool>? skip = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Raw(element, level, found);
            return;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (skip?.Invoke(property.Name) == true)
            {
                continue;
            }
            var child = map.Property(property.Name);
            var childLevel = child is null ? AccessLevel.Owner : Max(level, Level(child));
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                found.Add(property, childLevel);
            }
            else if (child is null)
            {
                Raw(property.Value, childLevel, found);
            }
            else
            {
                Member(property.Value, child, childLevel, found);
            }
        }
    }

    /// <summary>A property's value under its map (AccessFilter's Member).</summary>
    private static void Member(JsonElement value, AccessMap map, AccessLevel level, Found found)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                Described(value, map, level, found);
                break;
            case JsonValueKind.Array when map.Items is { } items:
                foreach (var item in value.EnumerateArray())
                {
                    Described(item, items, level, found);
                }
                break;
            default:
                Raw(value, level, found);
                break;
        }
    }

    /// <summary>Copied as is by the filter: everything inside counts at <paramref name="level"/>.</summary>
    private static void Raw(JsonElement element, AccessLevel level, Found found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        found.Add(property, level);
                    }
                    else
                    {
                        Raw(property.Value, level, found);
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Raw(item, level, found);
                }
                break;
        }
    }

    private static AccessLevel Level(AccessMap map) => AccessLevels.Parse(map.AccessClass);

    private static AccessLevel Max(AccessLevel a, AccessLevel b) => a > b ? a : b;

    private sealed class Found
    {
        public Dictionary<string, AccessLevel> Materials { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, AccessLevel> CasNumbers { get; } = new(StringComparer.Ordinal);

        /// <summary>Records a string property if it is a facet, keeping its least restricted level.</summary>
        public void Add(JsonProperty property, AccessLevel level)
        {
            // EC numbers (NNN-NNN-R) never look like CAS numbers (second group of two digits), so one
            // posting list serves both and a query by either finds the substance (ESPR Art. 7(5)).
            if (property.NameEquals("casNumber") || property.NameEquals("ecNumber"))
            {
                Keep(CasNumbers, property.Value.GetString()!.Trim(), level);
            }
            else if (property.NameEquals("materialName"))
            {
                Keep(Materials, NormalizeMaterial(property.Value.GetString()!), level);
            }
        }

        private static void Keep(Dictionary<string, AccessLevel> values, string value, AccessLevel level)
        {
            if (!values.TryGetValue(value, out var known) || level < known)
            {
                values[value] = level;
            }
        }
    }
}
