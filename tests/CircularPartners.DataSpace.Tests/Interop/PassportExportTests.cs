using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Interop;

/// <summary>Issue 17 item 5: EN 18223 and UNTP exports, always through the caller's access filter.</summary>
public sealed class PassportExportTests : IDisposable
{
    private const string Maker = ConnectorHost.DefaultOperator;
    private const string OtherMember = "5010001000005";
    private readonly ConnectorHost _host = new();
    private readonly string _id = Passports.IdFor("export-battery-v2");

    [Fact]
    public async Task ExportPassport_UntpForOwner_IsSignedWithThePublishedKeyAndCarriesTheProduct()
    {
        await PublishBatteryAsync();

        var export = await _host.PassportClient(Maker).ExportPassportAsync(new ExportPassportRequest { PassportId = _id, Format = "untp" });

        var payload = Verified(export, await PublishedKeyAsync());
        Assert.Equal(JsonNode.Parse(export.Json)!.ToJsonString(), JsonNode.Parse(payload.GetRawText())!.ToJsonString());
        var subject = JsonNode.Parse(export.Json)!["credentialSubject"]!;
        Assert.Equal(["ProductPassport"], subject["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("8180001789012", subject["product"]!["producedByParty"]!["registeredId"]!.GetValue<string>());
        Assert.Equal("jp-cn", subject["product"]!["producedByParty"]!["idScheme"]!["name"]!.GetValue<string>());
        // UNTP 0.6.0 requires a primary-data share with a footprint, which a passport does not state: the footprint is in the extension.
        Assert.Null(subject["emissionsScorecard"]);
        Assert.Equal(61.3, subject["cpdsPassport"]!["body"]!["battery"]!["carbonFootprint"]!["totalKgCo2ePerKWh"]!.GetValue<double>());
        Assert.Equal(0.098, subject["circularityScorecard"]!["recycledContent"]!.GetValue<double>());
        var materials = subject["materialsProvenance"]!.AsArray();
        Assert.Contains(materials, m => m!["materialType"]?["code"]?.GetValue<string>() == "7782-42-5" && !m["hazardous"]!.GetValue<bool>());
        Assert.Contains(materials, m => m!["materialType"]?["code"]?.GetValue<string>() == "7440-48-4" && m["hazardous"]!.GetValue<bool>());
        Assert.Contains(materials, m => m!["name"]?.GetValue<string>() == "cobalt" && m["recycledMassFraction"]?.GetValue<double>() == 0.16);
    }

    [Fact]
    public async Task ExportPassport_UntpForAnotherMember_LeavesOutWhatThatMemberMayNotRead()
    {
        await PublishBatteryAsync();

        var export = await _host.PassportClient(OtherMember, "venous").ExportPassportAsync(new ExportPassportRequest { PassportId = _id, Format = "untp" });

        Verified(export, await PublishedKeyAsync());
        var materials = JsonNode.Parse(export.Json)!["credentialSubject"]!["materialsProvenance"]!.AsArray();
        // Material composition and substance concentrations are legitimate-interest fields; the plant's address is the owner's.
        Assert.DoesNotContain("7782-42-5", export.Json, StringComparison.Ordinal);
        Assert.DoesNotContain(materials, m => m!["massFraction"] is not null);
        Assert.Contains(materials, m => m!["materialType"]?["code"]?.GetValue<string>() == "7440-48-4");
        Assert.DoesNotContain("TBE-PLANT-TOYOHASHI", export.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("明海町", export.Json, StringComparison.Ordinal);
        // The extension carries what UNTP has no term for, of what this member may read only.
        var extension = JsonNode.Parse(export.Json)!["credentialSubject"]!["cpdsPassport"]!["body"]!.ToJsonString();
        Assert.Contains("rawMaterialAcquisition", extension, StringComparison.Ordinal);
        Assert.DoesNotContain("stateOfHealth", extension, StringComparison.Ordinal);
        Assert.DoesNotContain("supplyChainDueDiligence", extension, StringComparison.Ordinal);
        Assert.Empty(export.Unmapped);
    }

    [Fact]
    public async Task ExportPassport_En18223ForOwner_FollowsTheOpenEpcisShapeAndListsWhatItCannotCarry()
    {
        await PublishBatteryAsync();

        var export = await _host.PassportClient(Maker).ExportPassportAsync(new ExportPassportRequest { PassportId = _id, Format = "en18223" });

        var document = JsonNode.Parse(export.Json)!;
        Assert.Equal(("en18223", "application/json", ""), (export.Format, export.MediaType, export.Jws));
        Assert.Equal(_id, document["digitalProductPassportId"]!.GetValue<string>());
        Assert.Equal("item", document["granularity"]!.GetValue<string>());
        Assert.Equal("EN 18223:2026", document["dppSchemaVersion"]!.GetValue<string>());
        Assert.Equal("urn:cpds:operator:jp-cn:8180001789012", document["economicOperatorId"]!.GetValue<string>());
        var elements = document["elements"]!.AsArray();
        Assert.Equal(61.3, Quantity(Element(Element(elements, "hasCarbonFootprintDeclaration")["elements"]!.AsArray(), "hasCarbonFootprintTotal")));
        var recycled = Element(elements, "hasRecycledContent")["elements"]!.AsArray();
        Assert.Equal(16, Element(recycled, "cobaltRecycledShare")["value"]!.GetValue<double>());
        Assert.Equal(4, Element(recycled, "cobaltPreConsumerShare")["value"]!.GetValue<double>());
        Assert.Contains("7782-42-5", Element(elements, "hasMaterialComposition").ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("21324-40-3", Element(elements, "hasHazardousSubstances").ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("/product/category", export.Unmapped);
        Assert.DoesNotContain("/battery/massKg", export.Unmapped);
    }

    [Fact]
    public async Task ExportPassport_En18223ForAnotherMember_HasNoRestrictedElement()
    {
        await PublishBatteryAsync();

        var export = await _host.PassportClient(OtherMember, "venous").ExportPassportAsync(new ExportPassportRequest { PassportId = _id, Format = "en18223" });

        var elements = JsonNode.Parse(export.Json)!["elements"]!.AsArray();
        Assert.DoesNotContain(elements, e => e!["elementId"]!.GetValue<string>() is "hasMaterialComposition" or "hasSupplyChainDueDiligence" or "status");
        Assert.DoesNotContain("\"concentration\"", export.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("stateOfHealth", export.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("441-8074", export.Json, StringComparison.Ordinal);
        // Unmapped lists only what the reader could read: no pointer reveals a hidden field.
        Assert.DoesNotContain(export.Unmapped, p => p.StartsWith("/battery/materialComposition", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportPassport_UnknownFormat_IsInvalidArgument()
    {
        await PublishBatteryAsync();

        await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => _host.PassportClient(Maker).ExportPassportAsync(new ExportPassportRequest { PassportId = _id, Format = "aas" }).ResponseAsync);
    }

    [Fact]
    public async Task ExportPassport_OverRest_AnswersTheExport()
    {
        await PublishBatteryAsync();
        using var http = _host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.CredentialFor(Maker));

        var export = JsonNode.Parse(await http.GetStringAsync("/v1/passports/" + _id + ":export?format=untp"))!;

        Assert.Equal("untp", export["format"]!.GetValue<string>());
        Assert.StartsWith("ey", export["jws"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_PassportExport_WritesTheSignedCredential()
    {
        await PublishBatteryAsync();
        using var work = new TempDirectory();
        var credential = Path.Combine(work.Path, "credential.jwt");
        await File.WriteAllTextAsync(credential, _host.CredentialFor(Maker));
        var output = Path.Combine(work.Path, "dpp.jwt");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var channel = _host.Channel();

        var exit = await CircularPartners.DataSpace.Cli.CliApp.RunAsync(
            ["passport", "export", _id, "--format", "untp", "--output", output, "--credential", credential], stdout, stderr, _ => channel);

        Assert.Equal(0, exit);
        var payload = CompactJws.Verify(File.ReadAllText(output), await PublishedKeyAsync(), "vc+jwt", out var problem);
        Assert.True(payload is not null, problem);
        // Battery data UNTP has no term for travels in the cpdsPassport extension: nothing is left out.
        Assert.Equal(18.2, payload!.Value.GetProperty("credentialSubject").GetProperty("cpdsPassport").GetProperty("body")
            .GetProperty("battery").GetProperty("carbonFootprint").GetProperty("lifecycleStages").GetProperty("mainProduction").GetDouble());
        Assert.DoesNotContain("not exported", stderr.ToString(), StringComparison.Ordinal);
    }

    private async Task PublishBatteryAsync()
    {
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "v2", "battery.json")))!.AsObject();
        body["passportId"] = _id;
        await _host.PassportClient(Maker).PublishAsync(new PublishRequest { PassportId = _id, SchemaId = "battery/2.0", Json = body.ToJsonString() });
    }

    private async Task<string> PublishedKeyAsync() =>
        (await new ContractNegotiationService.ContractNegotiationServiceClient(_host.Invoker(_host.CredentialFor(OtherMember)))
            .GetReleaseKeyAsync(new ReleaseKeyRequest())).PublicKeyPem;

    private static JsonElement Verified(PassportExport export, string publicKeyPem)
    {
        var payload = CompactJws.Verify(export.Jws, publicKeyPem, "vc+jwt", out var problem);
        Assert.True(payload is not null, problem);
        return payload.Value;
    }

    private static JsonNode Element(JsonArray elements, string id) => elements.Single(e => e!["elementId"]!.GetValue<string>() == id)!;

    private static double Quantity(JsonNode quantity) => Element(quantity["elements"]!.AsArray(), "value")["value"]!.GetValue<double>();

    public void Dispose() => _host.Dispose();
}
