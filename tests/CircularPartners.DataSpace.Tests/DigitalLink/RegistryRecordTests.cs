using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Google.Rpc;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.DigitalLink;

/// <summary>Issue 17 item 10: the ESPR registry record, from what the passport carries and nothing else.</summary>
public sealed class RegistryRecordTests
{
    private const string Maker = ConnectorHost.DefaultOperator;

    [Fact]
    public async Task GetRegistryRecord_ItemLevelBattery_FillsWhatThePassportCarriesAndListsTheRestAsMissing()
    {
        using var host = new ConnectorHost(settings: new() { ["PublicView:BaseUrl"] = "https://dpp.example.jp" });
        var owner = host.PassportClient(Maker);
        var published = await owner.PublishAsync(Passports.Request("battery"));

        var record = await owner.GetRegistryRecordAsync(new GetRegistryRecordRequest { PassportId = published.PassportId });

        Assert.Equal(published.Version, record.Version);
        Assert.Equal(("gs1-digital-link", "https://id.gs1.org/01/04569987400020/21/TBE-P77-25-000118"),
            (record.UniqueProductIdentifier.Scheme, record.UniqueProductIdentifier.Value));
        Assert.Equal("jp-cn", record.OperatorIdentifier.Scheme);
        Assert.Equal(Passports.ExampleEconomicOperators[4], record.OperatorIdentifier.Value);
        var facility = Assert.Single(record.FacilityIdentifiers);
        Assert.Equal(("operator-defined", "TBE-PLANT-TOYOHASHI"), (facility.Scheme, facility.Value));
        Assert.Equal("item", record.Granularity);
        Assert.Equal("https://dpp.example.jp/01/04569987400020/21/TBE-P77-25-000118", record.LiveUrl);
        // Not in the battery schema, and no backup service configured: reported, not invented.
        Assert.Equal("", record.CommodityCode);
        Assert.Equal("", record.DataCarrierType);
        Assert.Equal("", record.BackupUrl);
        Assert.Equal(["commodityCode", "dataCarrierType", "backupUrl"], record.Missing.Select(m => m.Field));
        Assert.All(record.Missing, m => Assert.False(string.IsNullOrEmpty(m.Reason)));
    }

    [Fact]
    public async Task GetRegistryRecord_Core20Battery_TakesTheSchemedOperatorAndFacilityIdentifiers()
    {
        using var host = new ConnectorHost();
        var owner = host.PassportClient(Maker);
        var body = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "v2", "battery.json")))!.AsObject();
        var id = Passports.IdFor("registry-record-v2");
        body["passportId"] = id;
        await owner.PublishAsync(new PublishRequest { PassportId = id, SchemaId = "battery/2.0", Json = body.ToJsonString() });

        var record = await owner.GetRegistryRecordAsync(new GetRegistryRecordRequest { PassportId = id });

        Assert.Equal(("jp-cn", "8180001789012"), (record.OperatorIdentifier.Scheme, record.OperatorIdentifier.Value));
        Assert.Equal(("gln", "4912345000019"), (record.FacilityIdentifiers[0].Scheme, record.FacilityIdentifiers[0].Value));
        Assert.Equal("item", record.Granularity);
        Assert.Equal("85076000", record.CommodityCode);
        Assert.Equal("qr-code", record.DataCarrierType);
        Assert.DoesNotContain("facilityIdentifiers", record.Missing.Select(m => m.Field));
        Assert.DoesNotContain("commodityCode", record.Missing.Select(m => m.Field));
        Assert.DoesNotContain("dataCarrierType", record.Missing.Select(m => m.Field));
    }

    [Theory]
    [InlineData("8507", "pattern_mismatch")] // a heading, not a 6-, 8- or 10-digit code
    [InlineData("850760000", "pattern_mismatch")]
    [InlineData("8507.60.00", "pattern_mismatch")]
    public async Task Publish_Core20CommodityCodeNotHsCnOrTaric_IsRefusedAtItsPointer(string code, string kind)
    {
        using var host = new ConnectorHost();
        var body = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "v2", "battery.json")))!.AsObject();
        var id = Passports.IdFor("commodity-" + code.Length);
        body["passportId"] = id;
        body["product"]!["commodityCode"] = code;

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => host.PassportClient(Maker)
            .PublishAsync(new PublishRequest { PassportId = id, SchemaId = "battery/2.0", Json = body.ToJsonString() }).ResponseAsync);

        var violation = Assert.Single(RpcAssert.Violations(ex));
        Assert.Equal("/product/commodityCode", violation.Field);
        Assert.Equal(kind, violation.Reason);
    }

    [Fact]
    public async Task GetRegistryRecord_PassportWithoutGtin_ReportsIdentifierAndGranularityMissing()
    {
        using var host = new ConnectorHost(settings: new() { ["PublicView:BackupBaseUrl"] = "https://backup.example.eu/cpds" });
        var owner = host.PassportClient(Maker);
        var published = await owner.PublishAsync(Passports.Request("construction"));

        var record = await owner.GetRegistryRecordAsync(new GetRegistryRecordRequest { PassportId = published.PassportId });

        Assert.Null(record.UniqueProductIdentifier);
        Assert.Equal("", record.Granularity);
        Assert.Equal("https://backup.example.eu/cpds/v1/public/passports/" + published.PassportId, record.BackupUrl);
        Assert.Contains("uniqueProductIdentifier", record.Missing.Select(m => m.Field));
        Assert.Contains("granularity", record.Missing.Select(m => m.Field));
        Assert.Contains("liveUrl", record.Missing.Select(m => m.Field));
    }

    [Fact]
    public async Task GetRegistryRecord_AnotherMember_IsDeniedNamingTheRule()
    {
        using var host = new ConnectorHost();
        var published = await host.PassportClient(Maker).PublishAsync(Passports.Request("battery"));

        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => host.PassportClient("5010001000005", "venous").GetRegistryRecordAsync(new GetRegistryRecordRequest { PassportId = published.PassportId }).ResponseAsync);

        Assert.Equal("registry-record.owner-or-operator", ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Metadata["rule"]);
    }

    [Fact]
    public async Task GetRegistryRecord_OverRest_AnswersTheSameRecord()
    {
        using var host = new ConnectorHost();
        var published = await host.PassportClient(Maker).PublishAsync(Passports.Request("cmp"));
        using var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.CredentialFor(Maker));

        var record = JsonNode.Parse(await http.GetStringAsync("/v1/registry-records/" + published.PassportId))!;

        Assert.Equal("batch", record["granularity"]!.GetValue<string>());
        Assert.Equal("https://id.gs1.org/01/04569987100128/10/L2506A", record["uniqueProductIdentifier"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cli_RegistryRecord_PrintsTheRecordAndEveryMissingField()
    {
        using var host = new ConnectorHost();
        using var work = new TempDirectory();
        var published = await host.PassportClient(Maker).PublishAsync(Passports.Request("battery"));
        var credential = Path.Combine(work.Path, "credential.jwt");
        await File.WriteAllTextAsync(credential, host.CredentialFor(Maker));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var channel = host.Channel();

        var exit = await CircularPartners.DataSpace.Cli.CliApp.RunAsync(
            ["passport", "registry-record", published.PassportId, "--credential", credential], stdout, stderr, _ => channel);

        Assert.Equal(0, exit);
        var text = stdout.ToString();
        Assert.Contains("https://id.gs1.org/01/04569987400020/21/TBE-P77-25-000118 (gs1-digital-link)", text, StringComparison.Ordinal);
        Assert.Contains("granularity:         item", text, StringComparison.Ordinal);
        Assert.Contains("missing liveUrl: ", text, StringComparison.Ordinal);
        Assert.Contains("missing commodityCode: ", text, StringComparison.Ordinal);
    }
}
