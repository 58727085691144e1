using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Google.Protobuf;

namespace CircularPartners.DataSpace.Tests.Interop;

/// <summary>Issue 17 item 4: EN 18223 imports with a mapping report, the original kept hash-linked, and the round trip through the exporter.</summary>
public sealed class PassportImportTests : IDisposable
{
    private const string Maker = ConnectorHost.DefaultOperator;
    private const string SampleId = "https://id.gs1.org/01/09521002005004/21/BAT2024-001";
    private readonly ConnectorHost _host = new();
    private readonly byte[] _sample = File.ReadAllBytes(Path.Combine(RepositoryPaths.CorpusSamples, "openepcis-battery-en18223-expanded.json"));

    [Fact]
    public async Task ImportPassport_En18223Sample_LandsIdsOperatorMaterialsSubstancesRecycledContentAndCarbonFootprint()
    {
        var imported = await ImportAsync(_sample);

        Assert.Equal((SampleId, "battery/2.0"), (imported.Passport.PassportId, imported.Passport.SchemaId));
        var body = await BodyAsync(SampleId);
        Assert.Equal("09521002005004", body["product"]!["gtin"]!.GetValue<string>());
        Assert.Equal("BAT2024-001", body["product"]!["serialNumber"]!.GetValue<string>());
        Assert.Equal(("gln", "9521234000006"), (body["economicOperator"]!["identifier"]!["scheme"]!.GetValue<string>(), body["economicOperator"]!["identifier"]!["id"]!.GetValue<string>()));
        Assert.Equal(("EcoCell GmbH", "DE"), (body["economicOperator"]!["name"]!.GetValue<string>(), body["economicOperator"]!["country"]!.GetValue<string>()));
        var battery = body["battery"]!;
        Assert.Equal(("industrial", "LFP"), (battery["batteryCategory"]!.GetValue<string>(), battery["chemistry"]!.GetValue<string>()));
        Assert.Contains(battery["materialComposition"]!.AsArray(), m => m!["casNumber"]?.GetValue<string>() == "7439-93-2" && m["materialName"]!.GetValue<string>() == "Lithium");
        Assert.Contains(battery["hazardousSubstances"]!.AsArray(), s => s!["casNumber"]?.GetValue<string>() == "21324-40-3" && s["concentrationPercent"]!.GetValue<double>() == 12.5);
        Assert.Equal(12, battery["recycledContent"]!["lithiumPercent"]!.GetValue<double>());
        Assert.Contains(battery["recycledContent"]!["shares"]!.AsArray(), s => s!["materialName"]!.GetValue<string>() == "lithium"
            && s["preConsumerPercent"]!.GetValue<double>() == 5 && s["postConsumerPercent"]!.GetValue<double>() == 7);
        Assert.Equal(45.2, battery["carbonFootprint"]!["totalKgCo2ePerKWh"]!.GetValue<double>());
        Assert.Equal("B", battery["carbonFootprint"]!["performanceClass"]!.GetValue<string>());
        Assert.Equal(18.5, battery["carbonFootprint"]!["lifecycleStages"]!["rawMaterialAcquisition"]!.GetValue<double>());
    }

    [Fact]
    public async Task ImportPassport_En18223Sample_ReportsEverySourceValueMappedOrDropped()
    {
        var imported = await ImportAsync(_sample);

        var reported = imported.Report.Mapped.Select(m => m.Source).Concat(imported.Report.Dropped.Select(d => d.Source)).ToHashSet(StringComparer.Ordinal);
        var values = DataLeaves(JsonNode.Parse(_sample)!, "").ToList();
        Assert.All(values, v => Assert.Contains(v, reported));
        Assert.All(imported.Report.Dropped, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        Assert.Contains(imported.Report.Mapped, m => m.Target == "/battery/carbonFootprint/totalKgCo2ePerKWh");
        Assert.NotEmpty(imported.Report.SchemaNotes);
    }

    [Fact]
    public async Task ImportPassport_En18223Sample_KeepsTheOriginalHashLinkedForTheOwnerOnly()
    {
        var imported = await ImportAsync(_sample);

        var sha = Convert.ToHexStringLower(SHA256.HashData(_sample));
        Assert.Equal(sha, imported.Report.SourceSha256);
        var kept = (await BodyAsync(SampleId))["importSource"]!;
        Assert.Equal(sha, kept["sha256"]!.GetValue<string>());
        Assert.Equal(_sample, Convert.FromBase64String(kept["contentBase64"]!.GetValue<string>()));
        var other = await _host.PassportClient("5010001000005", "venous").GetAsync(new GetPassportRequest { PassportId = SampleId });
        Assert.DoesNotContain("importSource", other.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPassport_Utf16WithByteOrderMark_IsDetected()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(_sample))).ToArray();

        var imported = await ImportAsync(utf16);

        Assert.Equal("utf-16le", imported.Report.Encoding);
        Assert.Equal(SampleId, imported.Passport.PassportId);
    }

    [Fact]
    public async Task ImportPassport_BytesInvalidInUtf8_AreRefusedNotReplaced()
    {
        var broken = _sample.ToArray();
        broken[Array.IndexOf(broken, (byte)'E')] = 0xC3; // a lead byte followed by ASCII: not UTF-8

        var ex = await RpcAssert.FailsWith(Grpc.Core.StatusCode.InvalidArgument, () => _host.PassportClient(Maker)
            .ImportPassportAsync(new ImportPassportRequest { Source = ByteString.CopyFrom(broken), Format = "en18223" }).ResponseAsync);

        Assert.Contains("utf-8", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPassport_ExportedEn18223_KeepsEveryExportedField()
    {
        var id = Passports.IdFor("roundtrip-battery-v2");
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "v2", "battery.json")))!.AsObject();
        original["passportId"] = id;
        await _host.PassportClient(Maker).PublishAsync(new PublishRequest { PassportId = id, SchemaId = "battery/2.0", Json = original.ToJsonString() });
        var export = await _host.PassportClient(Maker).ExportPassportAsync(new ExportPassportRequest { PassportId = id, Format = "en18223" });

        var imported = await ImportAsync(Encoding.UTF8.GetBytes(export.Json));

        Assert.Equal(2, imported.Passport.Version);
        var reimported = await BodyAsync(id);
        var exported = Leaves(original, "").Where(l => !export.Unmapped.Contains(l.Pointer)).ToList();
        Assert.True(exported.Count > 60, $"only {exported.Count} fields exported");
        Assert.All(exported, leaf => Assert.Equal(leaf.Value, Leaves(reimported, "").FirstOrDefault(l => l.Pointer == leaf.Pointer).Value));
    }

    [Fact]
    public async Task Cli_PassportImport_PublishesAndPrintsTheMappingReport()
    {
        var (exit, text, stderr) = await _host.RunCliAsync(Maker, ["arterial"],
            "passport", "import", Path.Combine(RepositoryPaths.CorpusSamples, "openepcis-battery-en18223-expanded.json"), "--from", "en18223");

        Assert.True(exit == 0, stderr);
        Assert.Contains($"published {SampleId} version 1 (battery/2.0)", text, StringComparison.Ordinal);
        Assert.Contains("-> /battery/carbonFootprint/totalKgCo2ePerKWh", text, StringComparison.Ordinal);
        Assert.Contains("dropped /granularity: envelope metadata", text, StringComparison.Ordinal);
    }

    private async Task<ImportPassportResponse> ImportAsync(byte[] source) =>
        await _host.PassportClient(Maker).ImportPassportAsync(new ImportPassportRequest { Source = ByteString.CopyFrom(source), Format = "en18223" });

    private async Task<JsonNode> BodyAsync(string id) =>
        JsonNode.Parse((await _host.PassportClient(Maker).GetAsync(new GetPassportRequest { PassportId = id })).Json)!;

    /// <summary>The data values of an openEPCIS document: header fields and every <c>value</c> leaf (the envelope's other keys describe values).</summary>
    private static IEnumerable<string> DataLeaves(JsonNode node, string pointer) => Leaves(node, pointer)
        .Select(l => l.Pointer).Where(p => p.Count(c => c == '/') == 1 || p.StartsWith("/contentSpecificationIds/", StringComparison.Ordinal) || p.EndsWith("/value", StringComparison.Ordinal));

    private static IEnumerable<(string Pointer, string Value)> Leaves(JsonNode? node, string pointer) => node switch
    {
        JsonObject o => o.SelectMany(p => Leaves(p.Value, pointer + "/" + p.Key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))),
        JsonArray a => a.SelectMany((item, i) => Leaves(item, pointer + "/" + i)),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => [(pointer, v.GetValue<double>().ToString("R", System.Globalization.CultureInfo.InvariantCulture))],
        _ => [(pointer, node?.ToJsonString() ?? "null")],
    };

    public void Dispose() => _host.Dispose();
}
