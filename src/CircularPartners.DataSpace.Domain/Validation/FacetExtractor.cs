using System.Text.Json;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>
/// Pulls the searchable values out of a validated passport, following the conventions in
/// schemas/README.md: any <c>casNumber</c> and <c>materialName</c> at any depth,
/// <c>/product/category</c> and <c>/recycledContentPercent</c>.
/// </summary>
internal static class FacetExtractor
{
    public static PassportFacets Extract(JsonElement root, string useCase)
    {
        var materials = new HashSet<string>(StringComparer.Ordinal);
        var casNumbers = new HashSet<string>(StringComparer.Ordinal);
        Collect(root, materials, casNumbers);

        var category = root.TryGetProperty("product", out var product) && product.ValueKind == JsonValueKind.Object
            && product.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
        double? recycled = root.TryGetProperty("recycledContentPercent", out var r) && r.ValueKind == JsonValueKind.Number
            ? r.GetDouble() : null;
        return new PassportFacets(useCase, category, [.. materials.Order(StringComparer.Ordinal)], [.. casNumbers.Order(StringComparer.Ordinal)], recycled);
    }

    /// <summary>Material names are matched case-insensitively, so they are kept lower-case.</summary>
    public static string NormalizeMaterial(string material) => material.Trim().ToLowerInvariant();

    private static void Collect(JsonElement element, HashSet<string> materials, HashSet<string> casNumbers)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        if (property.NameEquals("casNumber"))
                        {
                            casNumbers.Add(property.Value.GetString()!.Trim());
                        }
                        else if (property.NameEquals("materialName"))
                        {
                            materials.Add(NormalizeMaterial(property.Value.GetString()!));
                        }
                    }
                    else
                    {
                        Collect(property.Value, materials, casNumbers);
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, materials, casNumbers);
                }
                break;
        }
    }
}
