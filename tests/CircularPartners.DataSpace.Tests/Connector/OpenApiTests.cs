using System.Text.Json;
using System.Text.RegularExpressions;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>
/// REST users get an OpenAPI document of the transcoded API, served by the connector without a
/// credential, that names every HTTP route of the proto files with its proto comment.
/// </summary>
public sealed partial class OpenApiTests(ConnectorHostFixture fixture) : IClassFixture<ConnectorHostFixture>
{
    public static TheoryData<string, string> ProtoRoutes()
    {
        var routes = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "proto"), "*.proto", SearchOption.AllDirectories).Order())
        {
            foreach (Match rule in HttpRule().Matches(File.ReadAllText(file)))
            {
                routes.Add(rule.Groups["verb"].Value, OpenApiPath(rule.Groups["path"].Value));
            }
        }
        return routes;
    }

    [Theory]
    [MemberData(nameof(ProtoRoutes))]
    public async Task Document_EveryProtoHttpRoute_IsPresent(string verb, string path)
    {
        using var document = await FetchAsync();

        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
        Assert.True(item.TryGetProperty(verb, out _), $"{verb.ToUpperInvariant()} {path} is not in the OpenAPI document");
    }

    [Fact]
    public async Task Document_Operations_CarryTheProtoComments()
    {
        using var document = await FetchAsync();

        var withdraw = document.RootElement.GetProperty("paths").GetProperty("/v1/passports:withdraw").GetProperty("post");
        Assert.Contains("withdrawn", withdraw.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonDocument> FetchAsync()
    {
        using var client = fixture.Host.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary><c>/v1/passports/{passport_id=**}</c> → <c>/v1/passports/{passportId}</c>, as the document writes it.</summary>
    private static string OpenApiPath(string protoPath) =>
        Variable().Replace(protoPath, m => "{" + string.Join('.', m.Groups["name"].Value.Split('.').Select(LowerCamel)) + "}");

    private static string LowerCamel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    [GeneratedRegex(@"option \(google\.api\.http\) = \{\s*(?<verb>get|post|put|patch|delete):\s*""(?<path>[^""]+)""")]
    private static partial Regex HttpRule();

    [GeneratedRegex(@"\{(?<name>[a-z0-9_.]+)(=[^}]*)?\}")]
    private static partial Regex Variable();
}
