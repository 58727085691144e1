using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Google.Protobuf;

namespace CircularPartners.DataSpace.Tests.Interop;

/// <summary>
/// Issue 17 "done means": import → export → import of each sample keeps every mapped field: every
/// target pointer of the first import's report holds the same value in the body the second import
/// publishes. Rows: sample file, its format, and the values supplied for fields the sample lacks
/// (<c>;</c>-separated <c>/pointer=value</c>).
/// </summary>
public sealed class ImportRoundTripTests : IDisposable
{
    private const string Maker = ConnectorHost.DefaultOperator;
    private readonly ConnectorHost _host = new();

    private const string UntpSupplied = "/economicOperator/country=AU;/battery/batteryCategory=ev;/battery/chemistry=LFP";
    private const string CatenaxSupplied = "/economicOperator/name=ABC Batteries GmbH;/economicOperator/country=DE";
    private const string BatteryPassSupplied = "/passportId=urn:uuid:7d6a3f0e-1c2b-4a5d-9e8f-0a1b2c3d4e5f;/product/name=LMT battery pack;"
        + "/battery/chemistry=NMC811;/issuedAt=2025-06-17T12:00:00+02:00;/economicOperator/country=DE";

    public static TheoryData<string, string, string> UntpRows() => new()
    {
        { "openepcis-battery-en18223-expanded.json", "en18223", "" },
        { "untp-dpp-v0.6.0.json", "untp", UntpSupplied },
        { "catenax-batterypass-v6.1.0.json", "catenax", CatenaxSupplied },
        { "catenax-dpp-v7.0.0.json", "catenax", CatenaxSupplied },
        { "batterypass-gpi-v1.2.json", "batterypass", BatteryPassSupplied },
        { "iec62474-ac-adapter.xml", "iec62474", "/product/category=electrical-and-electronic-equipment/power-supplies" },
        { "openepcis-textile-eudpp-model.json", "openepcis", "" },
        { "openepcis-textile-garment.json", "openepcis", "" },
    };

    /// <summary>The battery samples: EN 18223 is a battery passport format.</summary>
    public static TheoryData<string, string, string> En18223Rows() => new()
    {
        { "openepcis-battery-en18223-expanded.json", "en18223", "" },
        { "untp-dpp-v0.6.0.json", "untp", UntpSupplied },
        { "catenax-batterypass-v6.1.0.json", "catenax", CatenaxSupplied },
        { "batterypass-gpi-v1.2.json", "batterypass", BatteryPassSupplied },
    };

    [Theory]
    [MemberData(nameof(UntpRows))]
    public async Task ImportExportUntpImport_Sample_KeepsEveryMappedField(string sample, string format, string supplied)
    {
        var (first, body) = await ImportSampleAsync(sample, format, supplied);

        var export = await _host.PassportClient(Maker).ExportPassportAsync(new ExportPassportRequest { PassportId = first.Passport.PassportId, Format = "untp" });
        // Only the original kept by the first import stays behind.
        Assert.All(export.Unmapped, p => Assert.StartsWith("/importSource/", p, StringComparison.Ordinal));
        // The signed form, as a partner receives it.
        var second = await ImportAsync(Encoding.ASCII.GetBytes(export.Jws), "untp", "");

        await AssertKeepsMappedFieldsAsync(first, body, second);
    }

    [Theory]
    [MemberData(nameof(En18223Rows))]
    public async Task ImportExportEn18223Import_Sample_KeepsEveryFieldEn18223Carries(string sample, string format, string supplied)
    {
        var (first, body) = await ImportSampleAsync(sample, format, supplied);

        var export = await _host.PassportClient(Maker).ExportPassportAsync(new ExportPassportRequest { PassportId = first.Passport.PassportId, Format = "en18223" });
        var second = await ImportAsync(Encoding.UTF8.GetBytes(export.Json), "en18223", "");

        // EN 18223 has no element for some passport fields (listed in the export's unmapped): those are not expected back.
        await AssertKeepsMappedFieldsAsync(first, body, second, export.Unmapped.ToHashSet(StringComparer.Ordinal));
    }

    private async Task<(ImportPassportResponse Response, JsonNode Body)> ImportSampleAsync(string sample, string format, string supplied)
    {
        var response = await ImportAsync(File.ReadAllBytes(Path.Combine(RepositoryPaths.CorpusSamples, sample)), format, supplied);
        Assert.True(response.Report.Mapped.Count > 10, $"only {response.Report.Mapped.Count} fields mapped");
        return (response, await BodyAsync(response.Passport.PassportId));
    }

    private async Task AssertKeepsMappedFieldsAsync(ImportPassportResponse first, JsonNode body, ImportPassportResponse second, HashSet<string>? notCarried = null)
    {
        Assert.Equal((first.Passport.PassportId, first.Passport.SchemaId, 2L), (second.Passport.PassportId, second.Passport.SchemaId, second.Passport.Version));
        var reimported = await BodyAsync(first.Passport.PassportId);
        var targets = first.Report.Mapped.Select(m => m.Target).Distinct(StringComparer.Ordinal).ToList();
        var compared = 0;
        foreach (var target in targets)
        {
            foreach (var (pointer, value) in Leaves(At(body, target), target).Where(l => notCarried is null || !notCarried.Contains(l.Pointer)))
            {
                Assert.Equal((pointer, value), (pointer, Leaves(At(reimported, pointer), pointer).SingleOrDefault().Value));
                compared++;
            }
        }
        Assert.True(compared > 10, $"only {compared} fields compared");
    }

    private async Task<ImportPassportResponse> ImportAsync(byte[] source, string format, string supplied)
    {
        var request = new ImportPassportRequest { Source = ByteString.CopyFrom(source), Format = format };
        foreach (var pair in supplied.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (pointer, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            request.Supplied[pointer] = value;
        }
        return await _host.PassportClient(Maker).ImportPassportAsync(request);
    }

    private async Task<JsonNode> BodyAsync(string id) =>
        JsonNode.Parse((await _host.PassportClient(Maker).GetAsync(new GetPassportRequest { PassportId = id })).Json)!;

    private static JsonNode? At(JsonNode? node, string pointer)
    {
        foreach (var token in pointer.Split('/').Skip(1))
        {
            node = node switch
            {
                JsonObject o => o[token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)],
                JsonArray a when int.TryParse(token, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }
        return node;
    }

    private static IEnumerable<(string Pointer, string Value)> Leaves(JsonNode? node, string pointer) => node switch
    {
        JsonObject o => o.SelectMany(p => Leaves(p.Value, pointer + "/" + p.Key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))),
        JsonArray a => a.SelectMany((item, i) => Leaves(item, pointer + "/" + i)),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => [(pointer, v.GetValue<double>().ToString("R", CultureInfo.InvariantCulture))],
        _ => [(pointer, node?.ToJsonString() ?? "null")],
    };

    public void Dispose() => _host.Dispose();
}
