using System.Text;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Google.Protobuf;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Interop;

/// <summary>
/// Issue 17 item 4: the Catena-X BatteryPass 6.1.0 and generic DPP 7.0.0 samples import through the
/// real host with a mapping report; the operator, named only by BPNL, is published by a participant
/// delegated for that BPNL, with its name and country supplied.
/// </summary>
public sealed class CatenaxImportTests : IDisposable
{
    internal const string Bpnl = "BPNL0123456789ZZ";
    internal const string SampleId = "urn:uuid:550e8400-e29b-41d4-a716-446655440000";
    private const string Delegate = "2010001000002";
    private readonly ConnectorHost _host = new();

    public CatenaxImportTests() => _host.Delegate(Delegate, "bpnl:" + Bpnl);

    internal static Dictionary<string, string> OperatorValues => new()
    {
        ["/economicOperator/name"] = "ABC Batteries GmbH",
        ["/economicOperator/country"] = "DE",
    };

    [Fact]
    public async Task ImportPassport_CatenaxBatteryPass_LandsIdsOperatorSubstancesRecycledContentAndCarbonFootprint()
    {
        var imported = await ImportAsync(Sample("catenax-batterypass-v6.1.0.json"));

        Assert.Equal((SampleId, "battery/2.0"), (imported.Passport.PassportId, imported.Passport.SchemaId));
        var body = await BodyAsync();
        Assert.Equal(("bpnl", Bpnl), (body["economicOperator"]!["identifier"]!["scheme"]!.GetValue<string>(), body["economicOperator"]!["identifier"]!["id"]!.GetValue<string>()));
        Assert.Equal(("ABC Batteries GmbH", "DE"), (body["economicOperator"]!["name"]!.GetValue<string>(), body["economicOperator"]!["country"]!.GetValue<string>()));
        Assert.Equal(("Mirror left", "123-0.740-3434-A", "SN12345678", "BID12345678"), (body["product"]!["name"]!.GetValue<string>(),
            body["product"]!["model"]!.GetValue<string>(), body["product"]!["serialNumber"]!.GetValue<string>(), body["product"]!["batchNumber"]!.GetValue<string>()));
        Assert.Equal("2000-01-01T00:00:00Z", body["issuedAt"]!.GetValue<string>());
        Assert.Equal(("8703241000", "qr-code"), (body["product"]!["commodityCode"]!.GetValue<string>(), body["product"]!["dataCarrier"]!.GetValue<string>()));
        Assert.Contains(body["documents"]!.AsArray(), d => d!["type"]!.GetValue<string>() == "declaration-of-conformity" && d["url"]!.GetValue<string>() == "https://dummy.link");
        Assert.Contains(body["documents"]!.AsArray(), d => d!["type"]!.GetValue<string>() == "technical-documentation"); // sources[] in category "Product Specifications"
        var battery = body["battery"]!;
        Assert.Equal(("sli", "Nickel Cobalt Manganese (NCM)", "original"), (battery["batteryCategory"]!.GetValue<string>(), battery["chemistry"]!.GetValue<string>(), battery["batteryStatus"]!.GetValue<string>()));
        Assert.Equal(0.02, battery["massKg"]!.GetValue<double>());
        Assert.Equal(12.5, battery["recycledContent"]!["cobaltPercent"]!.GetValue<double>());
        Assert.Equal(12.5, battery["recycledContent"]!["leadPercent"]!.GetValue<double>());
        Assert.Equal(12.678, battery["carbonFootprint"]!["lifecycleStages"]!["mainProduction"]!.GetValue<double>());
        Assert.Equal("A", battery["carbonFootprint"]!["performanceClass"]!.GetValue<string>());
        var substances = battery["hazardousSubstances"]!.AsArray();
        Assert.Contains(substances, s => s!["substanceName"]!.GetValue<string>() == "cadmium" && s["casNumber"]!.GetValue<string>() == "7440-43-9"
            && Math.Abs(s["concentrationPercent"]!.GetValue<double>() - 0.00053) < 1e-12);
        // The sample lists the EC number of phenolphthalein as "CAS": it lands as an EC number and the report says so.
        Assert.Contains(substances, s => s!["substanceName"]!.GetValue<string>() == "phenolphthalein" && s["ecNumber"]!.GetValue<string>() == "201-004-7" && s["casNumber"] is null);
        Assert.Contains(imported.Report.SchemaNotes, n => n.Contains("201-004-7", StringComparison.Ordinal) && n.Contains("EC number", StringComparison.Ordinal));
        Assert.Contains(battery["materialComposition"]!.AsArray(), m => m!["materialName"]!.GetValue<string>() == "phenolphthalein");
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/materials/composition/0/id/0/id" && d.Reason.Contains("EC number", StringComparison.Ordinal));
        // Every material the source flags critical, once (lead is flagged as active and as hazardous material).
        Assert.Equal(["cadmium", "cobalt", "lead", "lithium", "mercury", "nickel", "phenolphthalein"], battery["criticalRawMaterials"]!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(4.0, battery["ratedCapacityAh"]!.GetValue<double>());
        Assert.Equal(1500, battery["expectedLifetimeCycles"]!.GetValue<int>());
        Assert.Equal(50.0, battery["performance"]!["capacityFadePercent"]!.GetValue<double>());
        Assert.Contains(battery["dismantlingInformation"]!["documents"]!.AsArray(), d => d!["documentType"]!.GetValue<string>() == "extinguishing-agent");
    }

    [Fact]
    public async Task ImportPassport_CatenaxDpp_LandsIdsOperatorMaterialWithEcNumberConcentrationAndRecycledShare()
    {
        var imported = await ImportAsync(Sample("catenax-dpp-v7.0.0.json"));

        Assert.Equal((SampleId, "cmp/2.0"), (imported.Passport.PassportId, imported.Passport.SchemaId));
        var body = await BodyAsync();
        Assert.Equal(("bpnl", Bpnl), (body["economicOperator"]!["identifier"]!["scheme"]!.GetValue<string>(), body["economicOperator"]!["identifier"]!["id"]!.GetValue<string>()));
        // The source names its operator "ABC" (kept; the supplied name is reported as dropped) but its country "AY-I" is no country.
        Assert.Equal(("ABC", "DE"), (body["economicOperator"]!["name"]!.GetValue<string>(), body["economicOperator"]!["country"]!.GetValue<string>()));
        Assert.Contains(imported.Report.Dropped, d => d.Source == "supplied:/economicOperator/name");
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/metadata/economicOperator/economicOperatorAddress/country/shortName" && d.Reason.Contains("ISO 3166-1", StringComparison.Ordinal));
        Assert.Equal("Bernstrasse 45, Werk 1, Tor 1", body["economicOperator"]!["address"]!["streetAddress"]!.GetValue<string>());
        Assert.Equal("gin-20510-21513/1004712", body["product"]!["category"]!.GetValue<string>());
        Assert.Equal(("8703241000", "qr-code"), (body["product"]!["commodityCode"]!.GetValue<string>(), body["product"]!["dataCarrier"]!.GetValue<string>()));
        // The sample's importer has the operator's own BPNL: core/2.0 names an importer only when it is another party.
        Assert.Null(body["importer"]);
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/operation/import/content/eori" && d.Reason.Contains("economic operator itself", StringComparison.Ordinal));
        var material = body["cmp"]!["article"]!["parts"]![0]!["materials"]![0]!;
        Assert.Equal(("phenolphthalein", 12.5), (material["materialName"]!.GetValue<string>(), material["recycledContentPercent"]!.GetValue<double>()));
        var substance = material["substances"]![0]!;
        Assert.Equal(("201-004-7", "product"), (substance["ecNumber"]!.GetValue<string>(), substance["concentrationLevel"]!.GetValue<string>()));
        Assert.True(Math.Abs(substance["concentrationPercent"]!.GetValue<double>() - 0.00053) < 1e-12);
        Assert.Equal(["Skin corrosion category 1A"], substance["hazardClasses"]!.AsArray().Select(n => n!.GetValue<string>()));
        // Each footprint row (material, carbon, environmental) as declared: never converted, its plant dropped.
        var footprints = body["environmentalFootprint"]!.AsArray();
        Assert.Equal(3, footprints.Count);
        Assert.Contains(imported.Report.Mapped, m => m.Source == "/sustainability/productFootprint/carbon/0/value" && m.Target.StartsWith("/environmentalFootprint/", StringComparison.Ordinal));
        Assert.All(footprints, f => Assert.Equal(("Climate Change Total", 12.678, "kg CO2 / kWh", "main product production", "A"),
            (f!["indicator"]!.GetValue<string>(), f["value"]!.GetValue<double>(), f["unit"]!.GetValue<string>(), f["lifecycleStage"]!.GetValue<string>(), f["performanceClass"]!.GetValue<string>())));
        Assert.Equal("https://dummy.link", footprints[0]!["rulebookUrl"]!.GetValue<string>());
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/sustainability/productFootprint/carbon/0/manufacturingPlant/0/facilityIdentification");
    }

    [Fact]
    public async Task ImportPassport_CatenaxDppWithAnotherImporter_LandsItsEoriNameCountryAndAddress()
    {
        var source = SourceLeaves.Replace(Sample("catenax-dpp-v7.0.0.json"), "/operation/import/content/importerIdentification", JsonValue.Create("BPNL00000000IMP1"));
        source = SourceLeaves.Replace(source, "/operation/import/content/importerAddress/country/shortName", JsonValue.Create("DE-BW"));

        var imported = await ImportAsync(source);

        var importer = (await BodyAsync())["importer"]!;
        Assert.Equal(("eori", "GB123456789000", "ABC", "DE"), (importer["identifier"]!["scheme"]!.GetValue<string>(), importer["identifier"]!["id"]!.GetValue<string>(),
            importer["name"]!.GetValue<string>(), importer["country"]!.GetValue<string>()));
        Assert.Equal("Bernstrasse 45, Werk 1, Tor 1", importer["address"]!["streetAddress"]!.GetValue<string>());
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/operation/import/content/importerIdentification" && d.Reason.Contains("EORI", StringComparison.Ordinal));
        SourceLeaves.AssertEveryLeafReported(source, imported.Report);
    }

    [Theory]
    [InlineData("catenax-batterypass-v6.1.0.json")]
    [InlineData("catenax-dpp-v7.0.0.json")]
    public async Task ImportPassport_CatenaxSample_ReportsEverySourceValueMappedOrDropped(string file)
    {
        var source = Sample(file);

        var imported = await ImportAsync(source);

        SourceLeaves.AssertEveryLeafReported(source, imported.Report);
    }

    [Fact]
    public async Task ImportPassport_CatenaxBatteryPassWithoutOperatorName_IsRefusedNamingTheFieldAndHowToSupplyIt()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(Sample("catenax-batterypass-v6.1.0.json"), []));

        var violation = Assert.Single(RpcAssert.Violations(ex), v => v.Field == "/economicOperator/name");
        Assert.Contains("--set /economicOperator/name=", violation.Description, StringComparison.Ordinal);
        Assert.Contains(RpcAssert.Violations(ex), v => v.Field == "/economicOperator/country");
    }

    [Fact]
    public async Task ImportPassport_CatenaxBatteryPassNotDelegatedForItsBpnl_IsRefused()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _host.PassportClient("6010001000006")
            .ImportPassportAsync(Request(Sample("catenax-batterypass-v6.1.0.json"), OperatorValues)).ResponseAsync);

        Assert.Contains("publish.", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("catenax-batterypass-v6.1.0.json", "/identification/category", "\"no-such-category\"")]
    [InlineData("catenax-dpp-v7.0.0.json", "/composition/materialInformation/materials/0/recycled", "250")]
    public async Task ImportPassport_CatenaxSourceViolatingItsOwnSchema_IsRefusedWithThePointer(string file, string pointer, string value)
    {
        var broken = SourceLeaves.Replace(Sample(file), pointer, JsonNode.Parse(value));

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(broken));

        Assert.Contains(RpcAssert.Violations(ex), v => v.Field == pointer);
        Assert.Contains("published Catena-X", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("catenax-batterypass-v6.1.0.json")]
    [InlineData("catenax-dpp-v7.0.0.json")]
    public async Task ImportPassport_CatenaxUtf16WithByteOrderMark_IsDetected(string file)
    {
        var utf16 = Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(Encoding.UTF8.GetString(Sample(file)))).ToArray();

        var imported = await ImportAsync(utf16);

        Assert.Equal(("utf-16be", SampleId), (imported.Report.Encoding, imported.Passport.PassportId));
    }

    [Theory]
    [InlineData("catenax-batterypass-v6.1.0.json")]
    [InlineData("catenax-dpp-v7.0.0.json")]
    public async Task ImportPassport_SameCatenaxFileTwice_IsAnsweredUnchanged(string file)
    {
        var first = await ImportAsync(Sample(file));

        var second = await ImportAsync(Sample(file));

        Assert.Equal((1L, true), (second.Passport.Version, second.Passport.Unchanged));
        Assert.Equal(first.Report.Mapped.Count, second.Report.Mapped.Count);
    }

    internal static byte[] Sample(string file) => File.ReadAllBytes(Path.Combine(RepositoryPaths.CorpusSamples, file));

    private async Task<ImportPassportResponse> ImportAsync(byte[] source, Dictionary<string, string>? supplied = null) =>
        await _host.PassportClient(Delegate).ImportPassportAsync(Request(source, supplied ?? OperatorValues));

    private static ImportPassportRequest Request(byte[] source, Dictionary<string, string> supplied) =>
        new() { Source = ByteString.CopyFrom(source), Format = "catenax", Supplied = { supplied } };

    private async Task<JsonNode> BodyAsync() =>
        JsonNode.Parse((await _host.PassportClient(Delegate).GetAsync(new GetPassportRequest { PassportId = SampleId })).Json)!;

    public void Dispose() => _host.Dispose();
}
