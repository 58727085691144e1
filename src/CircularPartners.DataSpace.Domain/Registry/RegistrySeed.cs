using System.Text.Json;
using System.Text.Json.Serialization;

namespace CircularPartners.DataSpace.Domain.Registry;

/// <summary>
/// The seed file shipped with the connector: categories and the partnership's use cases, loaded
/// only into an empty registry. Every use case it carries is flagged <c>seed</c> until the
/// secretariat confirms it.
/// </summary>
public sealed record RegistrySeed(bool Seed, string Notice, IReadOnlyList<Category> Categories, IReadOnlyList<UseCase> UseCases)
{
    /// <summary>Shared by the seed file and the snapshot file: camelCase, enums by snake_case name.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    public static RegistrySeed Parse(string json) =>
        JsonSerializer.Deserialize<RegistrySeed>(json, JsonOptions) ?? throw new JsonException("The registry seed file is empty.");
}
