using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>Filters passports with the access maps of their schemas, compiled once at start-up.</summary>
public sealed class SchemaPassportFilter(SchemaRegistry schemas) : IPassportFilter
{
    private readonly Dictionary<string, AccessMap> _maps = schemas.SchemaIds.ToDictionary(
        id => id, id => AccessMap.Build(schemas.Get(id).Layers), StringComparer.Ordinal);

    public string Filter(string schemaId, string canonicalJson, IReadOnlySet<string> grantedClasses) =>
        _maps.TryGetValue(schemaId, out var map)
            ? AccessFilter.Filter(canonicalJson, map, grantedClasses)
            : grantedClasses.Contains("owner") ? canonicalJson : "{}";

    public AccessMap MapOf(string schemaId) => _maps[schemaId];
}
