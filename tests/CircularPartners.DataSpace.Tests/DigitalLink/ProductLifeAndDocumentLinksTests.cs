using System.Net;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.DigitalLink;

/// <summary>
/// ESPR Art. 11(d), Batteries Regulation Art. 77 (a repurposed battery's new passport is linked to the
/// original) and Annex III(e)/(f) (documents): the resolver's linkset names the previous life's
/// passport and each public document under the GS1 link type that fits it.
/// </summary>
public sealed class ProductLifeAndDocumentLinksTests : IDisposable
{
    private const string OriginalId = "https://id.gs1.org/01/04569987400020/21/TBE-P77-25-000118";
    private const string RepurposedId = "https://id.gs1.org/01/04569987400020/21/TBE-P77-25-000118-R1";
    private readonly ConnectorHost _host = new();

    [Fact]
    public async Task Resolve_RepurposedBattery_LinksThePreviousLifesPassport_AndItsDocumentsByGs1LinkType()
    {
        var owner = _host.PassportClient(ConnectorHost.DefaultOperator);
        await owner.PublishAsync(new PublishRequest { PassportId = OriginalId, SchemaId = "battery/2.0", Json = Example().ToJsonString() });
        var repurposed = Example();
        repurposed["passportId"] = RepurposedId;
        repurposed["product"]!["serialNumber"] = "TBE-P77-25-000118-R1";
        repurposed["previousLifePassportId"] = OriginalId;
        await owner.PublishAsync(new PublishRequest { PassportId = RepurposedId, SchemaId = "battery/2.0", Json = repurposed.ToJsonString() });
        using var http = _host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var linkset = JsonNode.Parse(await http.GetStringAsync("/01/04569987400020/21/TBE-P77-25-000118-R1?linkType=all"))!["linkset"]![0]!;
        var original = JsonNode.Parse(await http.GetStringAsync("/01/04569987400020/21/TBE-P77-25-000118?linkType=all"))!["linkset"]![0]!;
        using var safety = await http.GetAsync("/01/04569987400020/21/TBE-P77-25-000118-R1?linkType=gs1:safetyInfo");

        Assert.Equal(OriginalId, Assert.Single(linkset["https://schemas.circularpartners.jp/voc/previousLife"]!.AsArray())!["href"]!.GetValue<string>());
        Assert.Null(original["https://schemas.circularpartners.jp/voc/previousLife"]);
        var certification = Assert.Single(linkset["https://gs1.org/voc/certificationInfo"]!.AsArray())!;
        Assert.Equal("https://docs.example.jp/batteries/p77/doc-en.pdf", certification["href"]!.GetValue<string>());
        Assert.Equal("en", certification["hreflang"]![0]!.GetValue<string>());
        Assert.Equal("ja", Assert.Single(linkset["https://gs1.org/voc/safetyInfo"]!.AsArray())!["hreflang"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.TemporaryRedirect, safety.StatusCode);
        Assert.Equal("https://docs.example.jp/batteries/p77/safety-ja.pdf", safety.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Resolve_TwoDocumentsOfOneLinkType_ListsBothTargets()
    {
        var body = Example();
        body["documents"]!.AsArray().Add(new JsonObject { ["type"] = "warnings", ["url"] = "https://docs.example.jp/batteries/p77/warnings-en.pdf", ["language"] = "en" });
        await _host.PassportClient(ConnectorHost.DefaultOperator).PublishAsync(new PublishRequest { PassportId = OriginalId, SchemaId = "battery/2.0", Json = body.ToJsonString() });
        using var http = _host.CreateClient();

        var linkset = JsonNode.Parse(await http.GetStringAsync("/01/04569987400020/21/TBE-P77-25-000118?linkType=all"))!["linkset"]![0]!;

        Assert.Equal(["ja", "en"], linkset["https://gs1.org/voc/safetyInfo"]!.AsArray().Select(t => t!["hreflang"]![0]!.GetValue<string>()));
    }

    private static JsonObject Example() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "v2", "battery.json")))!.AsObject();

    public void Dispose() => _host.Dispose();
}
