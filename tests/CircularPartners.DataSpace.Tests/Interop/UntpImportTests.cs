using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Tests.Support;
using Google.Protobuf;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Interop;

/// <summary>Issue 17 items 4 and 5: UNTP DPP credentials import (JSON-LD and vc+jwt), and our UNTP export re-imports to the same body.</summary>
public sealed class UntpImportTests : IDisposable
{
    private const string Maker = ConnectorHost.DefaultOperator;
    private const string SampleId = "https://id.gs1.org/01/09520123456788/21/12345";
    private readonly ConnectorHost _host = new();
    private readonly byte[] _sample = File.ReadAllBytes(Path.Combine(RepositoryPaths.CorpusSamples, "untp-dpp-v0.6.0.json"));

    [Fact]
    public async Task ImportPassport_UntpSample_LandsIdsOperatorFacilityMaterialsAndRecycledContent()
    {
        var imported = await ImportAsync(_sample, Supplied);

        Assert.Equal((SampleId, "battery/2.0"), (imported.Passport.PassportId, imported.Passport.SchemaId));
        var body = await BodyAsync(SampleId);
        var product = body["product"]!;
        Assert.Equal(("09520123456788", "12345678", "6789", "batteries"), (Text(product, "gtin"), Text(product, "serialNumber"), Text(product, "batchNumber"), Text(product, "category")));
        Assert.Equal(("EV battery 300Ah.", "2024-04-25"), (Text(product, "name"), Text(product, "manufacturedOn")));
        var operatorId = body["economicOperator"]!["identifier"]!;
        Assert.Equal(("other", "https://abr.business.gov.au/ABN/View?abn=90664869327"), (Text(operatorId, "scheme"), Text(operatorId, "id")));
        Assert.Equal("Sample Company Pty Ltd.", Text(body["economicOperator"]!, "name"));
        Assert.Equal(("Greenacres battery factory", "AU"), (Text(body["manufacturingFacility"]!, "name"), Text(body["manufacturingFacility"]!, "country")));
        Assert.Equal("2024-03-15T12:00:00Z", Text(body, "issuedAt"));
        Assert.Equal(30, body["recycledContentPercent"]!.GetValue<double>());
        var battery = body["battery"]!;
        Assert.Equal(10, battery["massKg"]!.GetValue<double>());
        Assert.Equal(2, battery["materialComposition"]!.AsArray().Count(m => Text(m!, "materialName") == "Lithium Spodumene" && m!["massKg"]!.GetValue<double>() == 10));
        Assert.Equal("https://files.example-certifier.com/1234567.json", Text(battery["supplyChainDueDiligence"]!, "reportUrl"));
        // Declared per kilogram: never converted to battery/2.0's per-kWh figure, kept as declared instead.
        Assert.Null(battery["carbonFootprint"]);
        var footprint = Assert.Single(body["environmentalFootprint"]!.AsArray())!;
        Assert.Equal((1.8, "KGM", "CradleToGate", "https://www.globalbattery.org/media/publications/gba-rulebook-v2.0-master.pdf"),
            (footprint["value"]!.GetValue<double>(), Text(footprint, "unit"), Text(footprint, "lifecycleStage"), Text(footprint, "rulebookUrl")));
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/credentialSubject/materialsProvenance/0/materialType/code" && d.Reason.Contains("not a CAS number", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportPassport_UntpSample_LandsConformityClaimsWithStandardRegulationDeclaredValuesAndEvidence()
    {
        var imported = await ImportAsync(_sample, Supplied);

        var claims = (await BodyAsync(SampleId))["conformityClaims"]!.AsArray();
        Assert.Equal(2, claims.Count);
        var claim = claims[0]!;
        Assert.Equal(("environment.emissions", true, "2024-03-15"), (Text(claim, "topic"), claim["conforms"]!.GetValue<bool>(), Text(claim, "assessmentDate")));
        Assert.Equal("https://products.example-company.com/09520123456788/declarations/12345", Text(claim, "id"));
        Assert.Equal(("GBA Battery Passport Greenhouse Gas Rulebook - V.2.0", "Sample Company Pty Ltd.", "2023-12-05"),
            (Text(claim["standard"]!, "name"), Text(claim["standard"]!, "issuer"), Text(claim["standard"]!, "issueDate")));
        Assert.Equal(("AU", "2024-03-20"), (Text(claim["regulation"]!, "jurisdictionCountry"), Text(claim["regulation"]!, "effectiveDate")));
        var value = claim["declaredValues"]![0]!;
        Assert.Equal(("GHG emissions intensity", 10.0, "KGM", "BB", 0.05),
            (Text(value, "metric"), value["value"]!.GetValue<double>(), Text(value, "unit"), Text(value, "score"), value["accuracy"]!.GetValue<double>()));
        Assert.Equal(("https://files.example-certifier.com/1234567.json", "6239119dda5bd4c8a6ffb832fe16feaa5c27b7dba154d24c53d4470a2c69adc2"),
            (Text(claim["evidence"]!, "url"), Text(claim["evidence"]!, "sha256")));
        // What conformityClaims has no place for stays in the report, with the reason.
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/credentialSubject/conformityClaim/0/assessmentCriteria/0/name" && d.Reason.Contains("assessment criteria", StringComparison.Ordinal));
        Assert.Contains(imported.Report.Dropped, d => d.Source == "/credentialSubject/conformityClaim/0/conformityEvidence/encryptionMethod");
    }

    [Fact]
    public async Task ImportPassport_UntpSample_ReportsEverySourceValueMappedOrDropped()
    {
        var imported = await ImportAsync(_sample, Supplied);

        var reported = imported.Report.Mapped.Select(m => m.Source).Concat(imported.Report.Dropped.Select(d => d.Source)).ToHashSet(StringComparer.Ordinal);
        var leaves = Leaves(JsonNode.Parse(_sample)!, "").ToList();
        Assert.True(leaves.Count > 200, $"only {leaves.Count} leaves");
        Assert.All(leaves, leaf => Assert.Contains(leaf, reported));
        Assert.All(imported.Report.Dropped, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        Assert.Contains(imported.Report.SchemaNotes, n => n.Contains("Valid against the published UNTP DPP 0.6.0 JSON Schema", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportPassport_UntpSampleLackingRequiredFields_IsRefusedNamingThem()
    {
        // battery/2.0 requires the battery category and chemistry, which UNTP 0.6.0 has no term for.
        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(_sample, []));

        Assert.Contains("/battery/batteryCategory", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("/battery/chemistry", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPassport_UntpSampleViolatingThePublishedSchema_IsRefusedWithThePointer()
    {
        var broken = SourceLeaves.Replace(_sample, "/credentialSubject/granularityLevel", JsonValue.Create("piece"));

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(broken, Supplied));

        Assert.Contains("UNTP DPP 0.6.0", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(RpcAssert.Violations(ex), v => v.Field == "/credentialSubject/granularityLevel");
    }

    [Theory]
    [InlineData("{\"type\":\"EnvelopedVerifiableCredential\",\"id\":42}")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.c2ln")]
    [InlineData("[1,2,3]")]
    public async Task ImportPassport_MalformedCredential_IsInvalidArgumentNotAnInternalError(string source)
    {
        await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(Encoding.UTF8.GetBytes(source), []));
    }

    [Fact]
    public async Task ImportPassport_NotAUntpCredential_IsRefusedWithTheEnvelopeRules()
    {
        var en18223 = File.ReadAllBytes(Path.Combine(RepositoryPaths.CorpusSamples, "openepcis-battery-en18223-expanded.json"));

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(en18223, []));

        Assert.Contains("not a UNTP digital product passport", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("battery")]
    [InlineData("cmp")]
    [InlineData("construction")]
    [InlineData("office-equipment")]
    [InlineData("textile")]
    public async Task ImportPassport_ExportedUntpOfEachExample_RestoresEveryField(string useCase)
    {
        var id = Passports.IdFor("untp-roundtrip-" + useCase);
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "v2", useCase + ".json")))!.AsObject();
        original["passportId"] = id;
        await _host.PassportClient(Maker).PublishAsync(new PublishRequest { PassportId = id, SchemaId = useCase + "/2.0", Json = original.ToJsonString() });
        var export = await _host.PassportClient(Maker).ExportPassportAsync(new ExportPassportRequest { PassportId = id, Format = "untp" });

        var imported = await ImportAsync(Encoding.ASCII.GetBytes(export.Jws), []);

        Assert.Equal((id, useCase + "/2.0", 2L), (imported.Passport.PassportId, imported.Passport.SchemaId, imported.Passport.Version));
        Assert.Contains(imported.Report.SchemaNotes, n => n.Contains("signature was verified with the known key", StringComparison.Ordinal));
        Assert.Empty(export.Unmapped);
        Assert.Equal(Values(original), Values(await BodyAsync(id), skip: "/importSource"));
    }

    [Fact]
    public async Task ExportPassport_UntpOfATextile_CarriesFibresAndSubstancesAsMaterials()
    {
        var id = Passports.IdFor("untp-textile-materials");
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "v2", "textile.json")))!.AsObject();
        body["passportId"] = id;
        await _host.PassportClient(Maker).PublishAsync(new PublishRequest { PassportId = id, SchemaId = "textile/2.0", Json = body.ToJsonString() });

        var export = await _host.PassportClient(Maker).ExportPassportAsync(new ExportPassportRequest { PassportId = id, Format = "untp" });

        var materials = JsonNode.Parse(export.Json)!["credentialSubject"]!["materialsProvenance"]!.AsArray();
        Assert.Contains(materials, m => Text(m!, "name") == "cotton" && m!["massFraction"]!.GetValue<double>() == 0.6 && Text(m, "originCountry") == "IN"
            && m["recycledMassFraction"]!.GetValue<double>() == 0);
        Assert.Contains(materials, m => m!["hazardous"]!.GetValue<bool>() && m["materialType"]?["code"]?.GetValue<string>() == "1309-64-4");
    }

    [Fact]
    public async Task ExportPassport_UntpOfAChemicalDeclaration_CarriesMaterialsAndDeclaredSubstances()
    {
        var id = Passports.IdFor("untp-cmp-materials");
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "v2", "cmp.json")))!.AsObject();
        body["passportId"] = id;
        await _host.PassportClient(Maker).PublishAsync(new PublishRequest { PassportId = id, SchemaId = "cmp/2.0", Json = body.ToJsonString() });

        var export = await _host.PassportClient(Maker).ExportPassportAsync(new ExportPassportRequest { PassportId = id, Format = "untp" });

        var materials = JsonNode.Parse(export.Json)!["credentialSubject"]!["materialsProvenance"]!.AsArray();
        Assert.Contains(materials, m => Text(m!, "name") == "polycarbonate" && m!["recycledMassFraction"]!.GetValue<double>() == 0.3);
        Assert.Contains(materials, m => m!["hazardous"]!.GetValue<bool>() && m["materialType"]?["code"]?.GetValue<string>() == "80-05-7");
    }

    [Fact]
    public async Task ImportPassport_OwnExportTamperedWith_IsRefused()
    {
        var export = await ExportBatteryAsync("untp-tampered");
        var parts = export.Jws.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("61.3", "16.3", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Base64UrlEncode(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => ImportAsync(Encoding.ASCII.GetBytes(tampered), []));

        Assert.Contains("signature", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPassport_JwsSignedWithAnUnknownKey_IsReadAndReportedAsNotVerified()
    {
        var export = await ExportBatteryAsync("untp-foreign-key");
        using var foreign = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var credential = JsonDocument.Parse(export.Json);
        var jws = CompactJws.Sign(foreign, "did:web:partner.example#key-1", "vc+jwt", w =>
        {
            foreach (var member in credential.RootElement.EnumerateObject())
            {
                member.WriteTo(w);
            }
        });

        var imported = await ImportAsync(Encoding.ASCII.GetBytes(jws), []);

        Assert.Contains(imported.Report.SchemaNotes, n => n.Contains("signature was NOT verified", StringComparison.Ordinal) && n.Contains("did:web:partner.example#key-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportPassport_EnvelopedCredential_ReadsTheCredentialInItsDataUrl()
    {
        var export = await ExportBatteryAsync("untp-enveloped");
        var enveloped = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = "EnvelopedVerifiableCredential",
            ["id"] = "data:application/vc+jwt," + export.Jws,
        };

        var imported = await ImportAsync(Encoding.UTF8.GetBytes(enveloped.ToJsonString()), []);

        Assert.Equal(2, imported.Passport.Version);
        Assert.Contains(imported.Report.SchemaNotes, n => n.Contains("EnvelopedVerifiableCredential", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cli_PassportImportDirectory_ImportsTheSignedCredentialsExportWrote()
    {
        var id = (await ExportBatteryAsync("untp-cli")).PassportId;
        using var work = new TempDirectory();
        var export = await _host.RunCliAsync(Maker, ["arterial"], "passport", "export", id, "--format", "untp", "--output", Path.Combine(work.Path, "dpp.jwt"));
        Assert.True(export.Exit == 0, export.Stderr);

        var imported = await _host.RunCliAsync(Maker, ["arterial"], "passport", "import", work.Path, "--from", "untp");

        Assert.True(imported.Exit == 0, imported.Stderr);
        Assert.Contains("1 acknowledged", imported.Stdout + imported.Stderr, StringComparison.Ordinal);
    }

    private async Task<PassportExport> ExportBatteryAsync(string name)
    {
        var id = Passports.IdFor(name);
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "v2", "battery.json")))!.AsObject();
        body["passportId"] = id;
        await _host.PassportClient(Maker).PublishAsync(new PublishRequest { PassportId = id, SchemaId = "battery/2.0", Json = body.ToJsonString() });
        return await _host.PassportClient(Maker).ExportPassportAsync(new ExportPassportRequest { PassportId = id, Format = "untp" });
    }

    private static byte[] Base64UrlDecode(string text) => Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static readonly Dictionary<string, string> Supplied = new(StringComparer.Ordinal)
    {
        ["/economicOperator/country"] = "AU",
        ["/battery/batteryCategory"] = "ev",
        ["/battery/chemistry"] = "LFP",
    };

    private async Task<ImportPassportResponse> ImportAsync(byte[] source, Dictionary<string, string> supplied)
    {
        var request = new ImportPassportRequest { Source = ByteString.CopyFrom(source), Format = "untp" };
        request.Supplied.Add(supplied);
        return await _host.PassportClient(Maker).ImportPassportAsync(request);
    }

    private async Task<JsonNode> BodyAsync(string id) =>
        JsonNode.Parse((await _host.PassportClient(Maker).GetAsync(new GetPassportRequest { PassportId = id })).Json)!;

    private static string? Text(JsonNode node, string name) => node[name]?.GetValue<string>();

    private static IEnumerable<string> Leaves(JsonNode? node, string pointer) => node switch
    {
        JsonObject o => o.SelectMany(p => Leaves(p.Value, pointer + "/" + p.Key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))),
        JsonArray a => a.SelectMany((item, i) => Leaves(item, pointer + "/" + i)),
        _ => [pointer],
    };

    private static Dictionary<string, string> Values(JsonNode node, string? skip = null) => Leaves(node, "")
        .Where(p => skip is null || !p.StartsWith(skip, StringComparison.Ordinal))
        .ToDictionary(p => p, p => Value(node, p), StringComparer.Ordinal);

    private static string Value(JsonNode node, string pointer)
    {
        JsonNode? current = node;
        foreach (var token in pointer.Split('/').Skip(1))
        {
            current = current is JsonArray a ? a[int.Parse(token, CultureInfo.InvariantCulture)] : current![token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }
        return current is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>().ToString("R", CultureInfo.InvariantCulture) : current?.ToJsonString() ?? "null";
    }

    public void Dispose() => _host.Dispose();
}
