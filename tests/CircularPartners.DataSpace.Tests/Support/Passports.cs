using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>Builds publish requests from the shipped example passports.</summary>
internal static class Passports
{
    public static readonly string[] UseCases = ["cmp", "textile", "construction", "office-equipment", "battery"];

    /// <summary>The economic operators (corporate numbers) the shipped examples name, one per use case.</summary>
    public static readonly string[] ExampleEconomicOperators =
        [.. UseCases.Select(u => JsonNode.Parse(RepositoryPaths.Example(u))!["economicOperator"]!["corporateNumber"]!.GetValue<string>())];

    /// <summary>A stable, schema-valid passport id for a readable test name.</summary>
    public static string IdFor(string name) =>
        "urn:uuid:" + new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));

    /// <summary>An example passport with a fresh id (and optional edits).</summary>
    public static PublishRequest Request(string useCase = "cmp", string? id = null, Action<JsonObject>? edit = null)
    {
        var body = JsonNode.Parse(RepositoryPaths.Example(useCase))!.AsObject();
        var passportId = id ?? "urn:uuid:" + Guid.NewGuid();
        body["passportId"] = passportId;
        edit?.Invoke(body);
        return new PublishRequest { PassportId = passportId, SchemaId = useCase + "/1.0", Json = body.ToJsonString() };
    }
}
