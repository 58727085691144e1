using NJsonSchema;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>
/// A publishable schema: its own JSON Schema plus the DPP core every passport also satisfies
/// (null for the core itself). Extensions are validated separately rather than by cross-file
/// <c>$ref</c>, which NJsonSchema resolves unreliably.
/// </summary>
public sealed record PassportSchema(string Id, string UseCase, JsonSchema Schema, JsonSchema? Core)
{
    public IEnumerable<JsonSchema> Layers => Core is null ? [Schema] : [Core, Schema];
}
