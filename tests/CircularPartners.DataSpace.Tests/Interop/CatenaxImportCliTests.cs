using System.Text;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Interop;

/// <summary><c>cpds passport import DIR --from catenax --set ...</c>: the counts of publish, and a second run skips every file as unchanged.</summary>
public sealed class CatenaxImportCliTests : IDisposable
{
    private const string Delegate = "2010001000002";
    private readonly ConnectorHost _host = new();
    private readonly TempDirectory _work = new();

    public CatenaxImportCliTests() => _host.Delegate(Delegate, "bpnl:" + CatenaxImportTests.Bpnl);

    [Fact]
    public async Task Cli_PassportImportDirectoryTwice_PrintsCountsAndSkipsEverythingTheSecondTime()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_work.Path, "catenax")).FullName;
        File.Copy(Path.Combine(RepositoryPaths.CorpusSamples, "catenax-dpp-v7.0.0.json"), Path.Combine(dir, "dpp.json"));
        // The two upstream samples share one passport id; the battery pass gets its own, as two products would.
        var battery = SourceLeaves.Replace(CatenaxImportTests.Sample("catenax-batterypass-v6.1.0.json"), "/metadata/passportIdentifier",
            JsonValue.Create("urn:uuid:550e8400-e29b-41d4-a716-446655440001"));
        await File.WriteAllBytesAsync(Path.Combine(dir, "battery.json"), battery);
        string[] import = ["passport", "import", dir, "--from", "catenax", "--set", "/economicOperator/name=ABC Batteries GmbH", "--set", "/economicOperator/country=DE"];

        var (firstExit, first) = await RunAsync(import);
        var (secondExit, second) = await RunAsync(import);

        Assert.True(firstExit == 0, first);
        Assert.Contains("2 acknowledged, 0 skipped (unchanged), 0 refused", first, StringComparison.Ordinal);
        Assert.Equal(0, secondExit);
        Assert.Contains("0 acknowledged, 2 skipped (unchanged), 0 refused", second, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output)> RunAsync(string[] args)
    {
        var run = await _host.RunCliAsync(Delegate, ["arterial"], args);
        return (run.Exit, run.Stdout + run.Stderr);
    }

    public void Dispose()
    {
        _host.Dispose();
        _work.Dispose();
    }
}
