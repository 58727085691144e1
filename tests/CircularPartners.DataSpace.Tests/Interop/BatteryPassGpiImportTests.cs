using System.Text;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Google.Protobuf;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Interop;

/// <summary>
/// Issue 17 item 4: the Battery Pass General Product Information 1.2 sample (generated values) imports
/// through the real host: what battery/2.0 refuses is dropped with its reason, not failing the import;
/// what it requires and the aspect lacks is supplied, or the import is refused naming the field.
/// </summary>
public sealed class BatteryPassGpiImportTests : IDisposable
{
    private const string SampleFile = "batterypass-gpi-v1.2.json";
    private const string Id = "urn:uuid:7d6a3f0e-1c2b-4a5d-9e8f-0a1b2c3d4e5f";
    private const string Delegate = "2010001000002";
    private readonly ConnectorHost _host = new();
    private readonly byte[] _sample = CatenaxImportTests.Sample(SampleFile);

    // The sample's operator identifier is a free string: kept in scheme "other", the form delegations name it in.
    public BatteryPassGpiImportTests() => _host.Delegate(Delegate, "other:VLhpfQGTMDYpsBZxvfBoeygjb");

    private static Dictionary<string, string> Supplied => new()
    {
        ["/passportId"] = Id,
        ["/product/name"] = "LMT battery pack",
        ["/battery/chemistry"] = "NMC811",
        ["/issuedAt"] = "2025-06-17T12:00:00+02:00",
        ["/economicOperator/country"] = "DE",
    };

    [Fact]
    public async Task ImportPassport_BatteryPassGpi_LandsWhatBattery20AcceptsAndDropsGeneratedValuesWithReasons()
    {
        var imported = await ImportAsync(_sample, Supplied);

        Assert.Equal((Id, "battery/2.0"), (imported.Passport.PassportId, imported.Passport.SchemaId));
        var body = JsonNode.Parse((await _host.PassportClient(Delegate).GetAsync(new GetPassportRequest { PassportId = Id })).Json)!;
        Assert.Equal(("other", "VLhpfQGTMDYpsBZxvfBoeygjb", "RYtGKbgicZaHCBRQDSx"), (body["economicOperator"]!["identifier"]!["scheme"]!.GetValue<string>(),
            body["economicOperator"]!["identifier"]!["id"]!.GetValue<string>(), body["economicOperator"]!["name"]!.GetValue<string>()));
        Assert.Equal(("lmt", "original", 699.0), (body["battery"]!["batteryCategory"]!.GetValue<string>(), body["battery"]!["batteryStatus"]!.GetValue<string>(), body["battery"]!["massKg"]!.GetValue<double>()));
        Assert.Equal(("eOMtThyhVNLWUZNRcBaQKxI", "2025-06-17"), (body["product"]!["serialNumber"]!.GetValue<string>(), body["product"]!["manufacturedOn"]!.GetValue<string>()));
        Assert.Null(body["economicOperator"]!["contactEmail"]);
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/operatorInformation/emailAddress" && d.Reason.Contains("not an e-mail address", StringComparison.Ordinal));
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/batteryPassportIdentifier" && d.Reason.Contains("urn:uuid", StringComparison.Ordinal));
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/operatorInformation/postalAddress/addressCountry" && d.Reason.Contains("ISO 3166-1", StringComparison.Ordinal));
        Assert.Contains(imported.Report.Mapped, m => m.Source == "supplied:/battery/chemistry" && m.Target == "/battery/chemistry");
        Assert.Contains(imported.Report.SchemaNotes, n => n.Contains("e-mail pattern", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportPassport_BatteryPassGpi_ReportsEverySourceValueMappedOrDropped()
    {
        var imported = await ImportAsync(_sample, Supplied);

        SourceLeaves.AssertEveryLeafReported(_sample, imported.Report);
    }

    [Fact]
    public async Task ImportPassport_BatteryPassGpiWithoutSuppliedPassportId_IsRefusedNamingTheFieldAndHowToSupplyIt()
    {
        var supplied = Supplied;
        supplied.Remove("/passportId");

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(_sample, supplied));

        var violation = Assert.Single(RpcAssert.Violations(ex));
        Assert.Equal("/passportId", violation.Field);
        Assert.Contains("--set /passportId=VALUE", violation.Description, StringComparison.Ordinal);
        Assert.Contains("supplied", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/batteryMass", "\"heavy\"")]
    [InlineData("/batteryCategory", null)]
    [InlineData("/batteryPassportIdentifier", "\"not a urn\"")]
    public async Task ImportPassport_BatteryPassGpiViolatingItsOwnSchema_IsRefusedWithThePointer(string pointer, string? value)
    {
        var broken = SourceLeaves.Replace(_sample, pointer, value is null ? null : JsonNode.Parse(value));

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(broken, Supplied));

        Assert.Contains(RpcAssert.Violations(ex), v => v.Field == pointer);
        Assert.Contains("Battery Pass General Product Information", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPassport_BatteryPassGpiUtf16WithByteOrderMark_IsDetected()
    {
        // Published Battery Pass payloads come as UTF-16 with a byte-order mark.
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(_sample))).ToArray();

        var imported = await ImportAsync(utf16, Supplied);

        Assert.Equal(("utf-16le", Id), (imported.Report.Encoding, imported.Passport.PassportId));
    }

    [Fact]
    public async Task ImportPassport_SameBatteryPassGpiFileTwice_IsAnsweredUnchanged()
    {
        await ImportAsync(_sample, Supplied);

        var second = await ImportAsync(_sample, Supplied);

        Assert.Equal((1L, true), (second.Passport.Version, second.Passport.Unchanged));
    }

    private async Task<ImportPassportResponse> ImportAsync(byte[] source, Dictionary<string, string> supplied) =>
        await _host.PassportClient(Delegate).ImportPassportAsync(new ImportPassportRequest { Source = ByteString.CopyFrom(source), Format = "batterypass", Supplied = { supplied } });

    public void Dispose() => _host.Dispose();
}
