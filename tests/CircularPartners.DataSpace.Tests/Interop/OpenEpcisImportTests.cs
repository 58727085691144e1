using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Google.Protobuf;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Interop;

/// <summary>Issue 17 item 4: openEPCIS textile JSON-LD products import as textile/2.0 passports with a mapping report.</summary>
public sealed class OpenEpcisImportTests : IDisposable
{
    private const string Maker = ConnectorHost.DefaultOperator;
    private const string Garment = "openepcis-textile-garment.json";
    private const string Model = "openepcis-textile-eudpp-model.json";
    private const string GarmentId = "https://id.gs1.org/01/09521000001428/21/WJ-2024-00142";
    private readonly ConnectorHost _host = new();

    [Fact]
    public async Task ImportPassport_GarmentSample_LandsIdsOperatorFibresSubstancesCareAndRecycledContent()
    {
        var imported = await ImportValidAsync(Sample(Garment));

        Assert.Equal((GarmentId, "textile/2.0"), (imported.Passport.PassportId, imported.Passport.SchemaId));
        var body = await BodyAsync(GarmentId);
        Assert.Equal(("09521000001428", "WJ-2024-00142", "Alpine Pro Winter Jacket, Navy", "textiles/apparel"),
            (Text(body, "/product/gtin"), Text(body, "/product/serialNumber"), Text(body, "/product/name"), Text(body, "/product/category")));
        Assert.Equal(("gln", "9521000000018", "EcoWear GmbH", "DE", "manufacturer"), (Text(body, "/economicOperator/identifier/scheme"),
            Text(body, "/economicOperator/identifier/id"), Text(body, "/economicOperator/name"), Text(body, "/economicOperator/country"), Text(body, "/economicOperator/role")));
        Assert.Equal(55, body["recycledContentPercent"]!.GetValue<double>());
        var polyester = body["textile"]!["fibreComposition"]![0]!;
        Assert.Equal(("Recycled Polyester", "Shell", "TW", "Global Recycled Standard (GRS): GRS-2024-TW-12345"),
            (Text(polyester, "/materialName"), Text(polyester, "/component"), Text(polyester, "/origin"), Text(polyester, "/certification")));
        Assert.Equal((55d, true), (polyester["percent"]!.GetValue<double>(), polyester["recycled"]!.GetValue<bool>()));
        Assert.Equal(4, body["textile"]!["fibreComposition"]!.AsArray().Count);
        Assert.Equal(("wash-30", "do-not-bleach", "dry-clean-hydrocarbon"), (Text(body, "/textile/careInstructions/washing"),
            Text(body, "/textile/careInstructions/bleaching"), Text(body, "/textile/careInstructions/professionalCleaning")));
        Assert.Equal(("56548-64-2", "Disperse Blue 291"), (Text(body, "/textile/substancesOfConcern/0/casNumber"), Text(body, "/textile/substancesOfConcern/0/substanceName")));
        Assert.Equal((18.5, 2500d), (body["textile"]!["environmentalIndicators"]!["carbonFootprintKgCo2e"]!.GetValue<double>(),
            body["textile"]!["environmentalIndicators"]!["waterUseLitres"]!.GetValue<double>()));
        Assert.Equal(("2024-10-15T10:30:00Z", "EcoWear Repair Service"), (Text(body, "/issuedAt"), Text(body, "/textile/repair/repairServices/0/providerName")));
    }

    [Fact]
    public async Task ImportPassport_ModelSample_LandsIdsOperatorFacilityAndFibres()
    {
        var imported = await ImportValidAsync(Sample(Model));

        var id = "https://id.gs1.org/01/09521234006206";
        Assert.Equal(id, imported.Passport.PassportId);
        var body = await BodyAsync(id);
        Assert.Equal(("gln", "9521234000310", "Nordlicht Apparel GmbH", "textiles"), (Text(body, "/economicOperator/identifier/scheme"),
            Text(body, "/economicOperator/identifier/id"), Text(body, "/economicOperator/name"), Text(body, "/product/category")));
        Assert.Equal(("cut-make-trim", "PT", "Braga Knitting & Confection", "9521234000327"), (Text(body, "/textile/manufacturingFacilities/0/stage"),
            Text(body, "/textile/manufacturingFacilities/0/country"), Text(body, "/textile/manufacturingFacilities/0/facilityName"),
            Text(body, "/textile/manufacturingFacilities/0/supplierIdentifier/id")));
        Assert.Equal(["Organic Cotton", "Recycled Polyester"], body["textile"]!["fibreComposition"]!.AsArray().Select(f => f!["materialName"]!.GetValue<string>()));
        Assert.Equal("2026-05-12T00:00:00Z", Text(body, "/issuedAt"));
    }

    [Theory]
    [InlineData(Garment)]
    [InlineData(Model)]
    public async Task ImportPassport_Sample_ReportsEveryValueMappedOrDropped(string file)
    {
        var imported = await ImportValidAsync(Sample(file));

        var reported = imported.Report.Mapped.Select(m => m.Source).Concat(imported.Report.Dropped.Select(d => d.Source)).ToHashSet(StringComparer.Ordinal);
        var leaves = Leaves(JsonNode.Parse(Sample(file))!, "").ToList();
        Assert.All(leaves, leaf => Assert.Contains(leaf, reported));
        Assert.All(imported.Report.Dropped, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        Assert.Contains(imported.Report.SchemaNotes, n => n.Contains("textile-schema.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportPassport_GarmentAgain_IsAnsweredUnchanged()
    {
        await ImportValidAsync(Sample(Garment));

        var again = await ImportValidAsync(Sample(Garment));

        Assert.Equal((true, 1L), (again.Passport.Unchanged, again.Passport.Version));
    }

    [Fact]
    public async Task QueryByCas_ImportedGarment_IsFound()
    {
        await ImportValidAsync(Sample(Garment));

        var found = await _host.PassportClient(Maker).QueryAsync(new QueryRequest { Cas = { "56548-64-2" } });

        Assert.Equal(GarmentId, Assert.Single(found.Passports).PassportId);
    }

    [Fact]
    public async Task ImportPassport_UnknownValuesAndBadCheckDigits_AreDroppedWithReasons()
    {
        var source = JsonNode.Parse(Sample(Garment))!;
        source["eutex:newTerm"] = "something new";
        source["eutex:hasSubstancesOfConcern"]![0]!["oec:casNumber"] = "56548-64-3";

        var imported = await ImportValidAsync(source.ToJsonString());

        Assert.Contains(imported.Report.Dropped, d => d.Source == "/eutex:newTerm" && d.Reason.Contains("no field for 'eutex:newTerm'", StringComparison.Ordinal));
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/eutex:hasSubstancesOfConcern/0/oec:casNumber" && d.Reason.Contains("fails its check digit", StringComparison.Ordinal));
        Assert.Null((await BodyAsync(GarmentId))["textile"]!["substancesOfConcern"]![0]!["casNumber"]);
    }

    [Fact]
    public async Task ImportPassport_NotATextileDocument_IsRefusedWithThePointer()
    {
        var source = JsonNode.Parse(Sample(Garment))!.AsObject();
        source.Remove("@context");

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(source.ToJsonString()));

        Assert.Contains(RpcAssert.Violations(ex), v => v.Field == "/@context");
    }

    private static string Sample(string file) => File.ReadAllText(Path.Combine(RepositoryPaths.CorpusSamples, file));

    private async Task<ImportPassportResponse> ImportAsync(string json) =>
        await _host.PassportClient(Maker).ImportPassportAsync(new ImportPassportRequest { Source = ByteString.CopyFrom(Encoding.UTF8.GetBytes(json)), Format = "openepcis" });

    /// <summary>Imports a source that must land; a refusal fails the test naming every violation.</summary>
    private async Task<ImportPassportResponse> ImportValidAsync(string json)
    {
        try
        {
            return await ImportAsync(json);
        }
        catch (RpcException ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Status.Detail}: {string.Join("; ", RpcAssert.Violations(ex).Select(v => $"{v.Field} {v.Description}"))}");
        }
    }

    private async Task<JsonNode> BodyAsync(string id) =>
        JsonNode.Parse((await _host.PassportClient(Maker).GetAsync(new GetPassportRequest { PassportId = id })).Json)!;

    private static string? Text(JsonNode node, string pointer) =>
        pointer.Split('/').Skip(1).Aggregate((JsonNode?)node, (n, t) => n is JsonArray a ? a[int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)] : n?[t])?.GetValue<string>();

    /// <summary>The JSON Pointer of every leaf value of the document.</summary>
    private static IEnumerable<string> Leaves(JsonNode? node, string pointer) => node switch
    {
        JsonObject o => o.SelectMany(p => Leaves(p.Value, pointer + "/" + p.Key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))),
        JsonArray a => a.SelectMany((item, i) => Leaves(item, pointer + "/" + i)),
        _ => [pointer],
    };

    public void Dispose() => _host.Dispose();
}
