using System.Text.Json;
using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Cli;

/// <summary>The `cpds` commands against the real connector host, in-process.</summary>
public sealed class CliTests : IClassFixture<ConnectorHostFixture>, IDisposable
{
    private readonly ConnectorHost _host;
    private readonly TempDirectory _work = new();
    private readonly string _credential;

    public CliTests(ConnectorHostFixture fixture)
    {
        _host = fixture.Host;
        _credential = Path.Combine(_work.Path, "credential.jwt");
        File.WriteAllText(_credential, _host.CredentialFor("1010001000001"));
    }

    [Fact]
    public async Task PublishDirectory_MixedFiles_ReportsFailuresWithPointersAndExitsOne()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_work.Path, "batch")).FullName;
        for (var i = 0; i < 5; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"good-{i}.json"), Passports.Request("cmp").Json);
        }
        File.Copy(Path.Combine(RepositoryPaths.Examples, "invalid", "cmp-many-errors.json"), Path.Combine(dir, "bad.json"));

        var (exit, stdout, _) = await Run("passport", "publish", dir, "--schema", "cmp/1.0");

        Assert.Equal(1, exit);
        Assert.Contains("bad.json", stdout, StringComparison.Ordinal);
        Assert.Contains("/cmp/article/declarationStandard", stdout, StringComparison.Ordinal);
        Assert.Contains("5", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishDirectory_RunTwice_SecondRunSkipsEverythingAsUnchanged()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_work.Path, "twice")).FullName;
        for (var i = 0; i < 4; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"p-{i}.json"), Passports.Request("cmp").Json);
        }

        var (firstExit, first, _) = await Run("passport", "publish", dir, "--schema", "cmp/1.0");
        var (secondExit, second, _) = await Run("passport", "publish", dir, "--schema", "cmp/1.0");
        var (_, json, _) = await Run("--json", "passport", "publish", dir, "--schema", "cmp/1.0");

        Assert.Equal(0, firstExit);
        Assert.Equal(0, secondExit);
        Assert.Contains("4 acknowledged, 0 skipped (unchanged), 0 refused", first, StringComparison.Ordinal);
        Assert.Contains("0 acknowledged, 4 skipped (unchanged), 0 refused", second, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(4, document.RootElement.GetProperty("skipped").GetInt32());
        Assert.All(document.RootElement.GetProperty("results").EnumerateArray(), r =>
        {
            Assert.True(r.GetProperty("unchanged").GetBoolean());
            Assert.Equal("1", r.GetProperty("passport").GetProperty("version").ToString()); // a string or a number, as the formatter writes int64
        });
    }

    [Fact]
    public async Task PublishDirectory_ConnectorUnreachable_PrintsTheCountsAndExitsFiveNamingIt()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_work.Path, "nowhere")).FullName;
        File.WriteAllText(Path.Combine(dir, "p.json"), Passports.Request("cmp").Json);
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closed = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["--connector", closed, "--credential", _credential, "passport", "publish", dir, "--schema", "cmp/1.0"], stdout, stderr);

        Assert.Equal(5, exit);
        Assert.Contains("0 acknowledged, 0 skipped (unchanged), 0 refused, 1 not answered", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains(closed, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishThenGetJson_RoundTrips()
    {
        var request = Passports.Request("battery");
        var file = Path.Combine(_work.Path, "battery.json");
        File.WriteAllText(file, request.Json);

        var (published, _, _) = await Run("passport", "publish", file, "--schema", "battery/1.0");
        var (got, json, _) = await Run("--json", "passport", "get", request.PassportId);

        Assert.Equal(0, published);
        Assert.Equal(0, got);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(request.PassportId, document.RootElement.GetProperty("passportId").GetString());
    }

    [Fact]
    public async Task Get_Unknown_ExitsThree()
    {
        var (exit, _, stderr) = await Run("passport", "get", "urn:uuid:00000000-0000-4000-8000-000000000000");
        Assert.Equal(3, exit);
        Assert.NotEmpty(stderr);
    }

    [Fact]
    public async Task Query_ByCas_ListsMatches()
    {
        var request = Passports.Request("textile");
        await _host.PassportClient("1010001000001").PublishAsync(request);

        var (exit, stdout, _) = await Run("--json", "passport", "query", "--cas", "1309-64-4", "--all");

        Assert.Equal(0, exit);
        Assert.Contains(request.PassportId, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_BadCredential_ExitsFour()
    {
        File.WriteAllText(_credential, "not-a-jwt");
        var (exit, _, _) = await Run("passport", "query");
        Assert.Equal(4, exit);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var channel = _host.Channel();
        var exit = await CliApp.RunAsync([.. args, "--credential", _credential], stdout, stderr, _ => channel);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => _work.Dispose();
}
