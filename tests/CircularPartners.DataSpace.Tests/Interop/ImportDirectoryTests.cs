using System.Text;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Google.Protobuf;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Interop;

/// <summary>Issue 17 item 4: bulk import of a directory, and values supplied for fields a source lacks.</summary>
public sealed class ImportDirectoryTests : IDisposable
{
    private const string Maker = ConnectorHost.DefaultOperator;
    private readonly ConnectorHost _host = new();
    private readonly TempDirectory _work = new();
    private readonly string _sample = File.ReadAllText(Path.Combine(RepositoryPaths.CorpusSamples, "openepcis-battery-en18223-expanded.json"));

    [Fact]
    public async Task ImportDirectory_RunTwice_CountsLikePublish_SecondRunSkipsWhatIsStored_RefusalNamesTheFile()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_work.Path, "passports")).FullName;
        for (var i = 0; i < 3; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"battery-{i}.json"), WithPassportId(_sample, "https://id.gs1.org/01/09521002005004/21/DIR-" + i));
        }
        Directory.CreateDirectory(Path.Combine(dir, "nested"));
        File.WriteAllText(Path.Combine(dir, "nested", "battery-utf16.json"), WithPassportId(_sample, "https://id.gs1.org/01/09521002005004/21/DIR-UTF16"), Encoding.Unicode);
        File.WriteAllText(Path.Combine(dir, "broken.json"), "{\"digitalProductPassportId\": ");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a passport, not imported");

        var (firstExit, first, _) = await RunAsync("passport", "import", dir, "--from", "en18223");
        var (secondExit, second, _) = await RunAsync("passport", "import", dir, "--from", "en18223");

        Assert.Equal(ExitCodes.Rejected, firstExit);
        Assert.Contains("4 acknowledged, 0 skipped (unchanged), 1 refused", first, StringComparison.Ordinal);
        Assert.Contains("broken.json", first, StringComparison.Ordinal);
        Assert.Contains("INVALID_ARGUMENT", first, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Rejected, secondExit);
        Assert.Contains("0 acknowledged, 4 skipped (unchanged), 1 refused", second, StringComparison.Ordinal);
        var stored = await _host.PassportClient(Maker).GetAsync(new GetPassportRequest { PassportId = "https://id.gs1.org/01/09521002005004/21/DIR-UTF16" });
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task ImportDirectory_ReportsOption_WritesEachFilesMappingReport()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_work.Path, "one")).FullName;
        File.WriteAllText(Path.Combine(dir, "battery.json"), WithPassportId(_sample, "https://id.gs1.org/01/09521002005004/21/REPORTED"));
        var reports = Path.Combine(_work.Path, "reports");

        var (exit, _, stderr) = await RunAsync("passport", "import", dir, "--from", "en18223", "--reports", reports);

        Assert.True(exit == 0, stderr);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(reports, "battery.json.report.json")))!;
        Assert.Equal("https://id.gs1.org/01/09521002005004/21/REPORTED", report["passport"]!["passportId"]!.GetValue<string>());
        Assert.NotEmpty(report["report"]!["mapped"]!.AsArray());
    }

    [Fact]
    public async Task ImportPassport_SuppliedValue_FillsAFieldTheSourceLacks_AndIsInTheReport()
    {
        var response = await _host.PassportClient(Maker).ImportPassportAsync(new ImportPassportRequest
        {
            Source = ByteString.CopyFromUtf8(WithPassportId(_sample, "https://id.gs1.org/01/09521002005004/21/SUPPLIED")),
            Format = "en18223",
            Supplied = { ["/product/nameJa"] = "産業用蓄電池", ["/product/name"] = "\"ignored: the source names it\"" },
        });

        var body = JsonNode.Parse((await _host.PassportClient(Maker).GetAsync(new GetPassportRequest { PassportId = "https://id.gs1.org/01/09521002005004/21/SUPPLIED" })).Json)!;
        Assert.Equal("産業用蓄電池", body["product"]!["nameJa"]!.GetValue<string>());
        Assert.NotEqual("ignored: the source names it", body["product"]!["name"]!.GetValue<string>());
        Assert.Contains(response.Report.Mapped, m => m.Source == "supplied:/product/nameJa" && m.Target == "/product/nameJa");
        Assert.Contains(response.Report.Dropped, d => d.Source == "supplied:/product/name");
    }

    [Fact]
    public async Task ImportPassport_SuppliedKeyNotAPointer_OrIntoTheOriginal_IsRefusedNamingIt()
    {
        foreach (var key in new[] { "product/name", "/importSource/format" })
        {
            var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => _host.PassportClient(Maker).ImportPassportAsync(new ImportPassportRequest
            {
                Source = ByteString.CopyFromUtf8(_sample),
                Format = "en18223",
                Supplied = { [key] = "x" },
            }).ResponseAsync);
            Assert.Contains(key, ex.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ImportPassport_UnknownFormat_IsRefusedNamingTheFormatsThisConnectorReads()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => _host.PassportClient(Maker).ImportPassportAsync(new ImportPassportRequest
        {
            Source = ByteString.CopyFromUtf8(_sample),
            Format = "step-ap242",
        }).ResponseAsync);
        Assert.Contains("'step-ap242'", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("'en18223'", ex.Status.Detail, StringComparison.Ordinal);
    }

    private static string WithPassportId(string sample, string id)
    {
        var document = JsonNode.Parse(sample)!;
        document["digitalProductPassportId"] = id;
        return document.ToJsonString();
    }

    private Task<CliResult> RunAsync(params string[] args) => _host.RunCliAsync(Maker, ["arterial"], args);

    public void Dispose()
    {
        _host.Dispose();
        _work.Dispose();
    }
}
