using System.Text.Json;
using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Sharing;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Cli;

/// <summary>
/// `cpds bench` against real in-process connectors (a manufacturer's and a recycler's). Asserts
/// on the report's shape and on what was stored, never on timing.
/// </summary>
public sealed class BenchCliTests : IClassFixture<SharingFlow>, IDisposable
{
    private readonly SharingFlow _flow;
    private readonly TempDirectory _work = new();

    public BenchCliTests(SharingFlow flow) => _flow = flow;

    [Fact]
    public async Task BenchPublish_Json_ReportsCeilingAndStoresEveryPassport()
    {
        const string publisher = "1010001000051";
        _flow.Maker.Delegate(publisher);
        var (exit, stdout, stderr) = await Run(publisher, "--json", "bench", "publish",
            "--count", "50", "--warmup", "0", "--rounds", "1", "--batch", "20", "--concurrency", "2", "--schemas", RepositoryPaths.Schemas);

        Assert.True(exit == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        Assert.Equal("publish", root.GetProperty("scenario").GetString());
        Assert.Equal(3, root.GetProperty("calls").GetInt32()); // 20 + 20 + 10
        Assert.Equal(50, root.GetProperty("items").GetInt64());
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        AssertLatencyShape(root);
        var ceiling = root.GetProperty("ceiling");
        Assert.Equal("validation only", ceiling.GetProperty("name").GetString());
        Assert.True(ceiling.GetProperty("throughputPerSecond").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("ratio").ValueKind);
        Assert.True(root.GetProperty("machine").GetProperty("processorCount").GetInt32() > 0);
        Assert.Equal(50, await CountOwnedBy(publisher));
    }

    [Fact]
    public async Task BenchPublish_LargeCmp_StoresThreeHundredSubstanceArticles()
    {
        const string publisher = "1010001000052";
        _flow.Maker.Delegate(publisher);
        var (exit, stdout, stderr) = await Run(publisher, "--json", "bench", "publish",
            "--count", "3", "--warmup", "0", "--use-case", "cmp-large", "--schemas", RepositoryPaths.Schemas);

        Assert.True(exit == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        Assert.Equal(3, report.RootElement.GetProperty("items").GetInt64());
        Assert.Equal(3, await CountOwnedBy(publisher));
    }

    [Fact]
    public async Task BenchGet_SeededPassports_ComparesWithEcho()
    {
        _flow.Maker.Delegate("1010001000053");
        var (exit, stdout, stderr) = await Run("1010001000053", "--json", "bench", "get",
            "--count", "40", "--concurrency", "4", "--warmup", "4", "--seed", "5", "--schemas", RepositoryPaths.Schemas);

        Assert.True(exit == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        Assert.Equal("get", root.GetProperty("scenario").GetString());
        Assert.Equal(40, root.GetProperty("items").GetInt64());
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        AssertLatencyShape(root);
        var ceiling = root.GetProperty("ceiling");
        Assert.Equal("gRPC echo", ceiling.GetProperty("name").GetString());
        Assert.Equal(40, ceiling.GetProperty("measured").GetProperty("items").GetInt64());
        Assert.Equal("5", root.GetProperty("details").GetProperty("passports").GetString());
        Assert.Equal("no", root.GetProperty("details").GetProperty("dataAccessToken").GetString());
    }

    [Fact]
    public async Task BenchGet_WithAccessToken_ReadsTheGrantedPassportsThroughTheTokenCheck()
    {
        var (_, token) = await _flow.AgreeAsync();

        var (exit, stdout, stderr) = await Run(SharingFlow.Recycler, "--json", "bench", "get",
            "--count", "10", "--warmup", "0", "--access-token", token.Token, "--roles", "venous");

        Assert.True(exit == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        Assert.Equal(10, root.GetProperty("items").GetInt64());
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        Assert.Equal("yes", root.GetProperty("details").GetProperty("dataAccessToken").GetString());
        Assert.NotEqual("0", root.GetProperty("details").GetProperty("passports").GetString());
    }

    [Fact]
    public async Task BenchQuery_ByCas_ReportsMatches()
    {
        _flow.Maker.Delegate("1010001000054");
        var (exit, stdout, stderr) = await Run("1010001000054", "--json", "bench", "query",
            "--cas", "1309-64-4", "--count", "20", "--warmup", "0");

        Assert.True(exit == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        Assert.Equal("query", root.GetProperty("scenario").GetString());
        Assert.Equal(20, root.GetProperty("items").GetInt64());
        Assert.Equal("cas=1309-64-4", root.GetProperty("details").GetProperty("filter").GetString());
        Assert.NotEqual("0", root.GetProperty("details").GetProperty("matchesOnFirstPage").GetString());
    }

    [Fact]
    public async Task BenchNegotiate_TwoConnectors_TimesNegotiationTransferAndFirstRead()
    {
        var (exit, stdout, stderr) = await Run(SharingFlow.Recycler, "--json", "--connector", ConnectorNetwork.AddressOf("recycler"),
            "bench", "negotiate", "--provider", SharingFlow.ManufacturerAddress, "--offer", _flow.Offer.OfferId, "--purpose", "recycling",
            "--count", "3", "--warmup", "1", "--id", _flow.Battery.PassportId, "--roles", "venous");

        Assert.True(exit == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        Assert.Equal("negotiate", root.GetProperty("scenario").GetString());
        Assert.Equal(3, root.GetProperty("items").GetInt64());
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        Assert.Equal("7 echo round trips", root.GetProperty("ceiling").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("ceiling").GetProperty("latencyMs").ValueKind);
        Assert.True(root.GetProperty("details").TryGetProperty("firstReadP50Ms", out _));
    }

    [Fact]
    public async Task BenchNegotiate_PurposeNotOffered_ReportsTheDenialAndExitsFour()
    {
        var (exit, _, stderr) = await Run(SharingFlow.Recycler, "--connector", ConnectorNetwork.AddressOf("recycler"),
            "bench", "negotiate", "--provider", SharingFlow.ManufacturerAddress, "--offer", _flow.Offer.OfferId, "--purpose", "research",
            "--count", "2", "--warmup", "0", "--roles", "venous");

        Assert.Equal(4, exit); // PERMISSION_DENIED, like any other command
        Assert.Contains("offer.purposes", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchPublish_GarbageCredential_ExitsFour()
    {
        var credential = Path.Combine(_work.Path, "garbage.jwt");
        File.WriteAllText(credential, "not-a-jwt");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var channel = _flow.Maker.Channel();

        var exit = await CliApp.RunAsync(
            ["bench", "publish", "--count", "5", "--warmup", "0", "--schemas", RepositoryPaths.Schemas, "--credential", credential],
            stdout, stderr, _ => channel);

        Assert.Equal(4, exit);
        Assert.Contains("UNAUTHENTICATED", stderr.ToString(), StringComparison.Ordinal);
    }

    private static void AssertLatencyShape(JsonElement root)
    {
        var latency = root.GetProperty("latencyMs");
        Assert.True(latency.GetProperty("p50").GetDouble() >= 0);
        Assert.True(latency.GetProperty("p99").GetDouble() >= latency.GetProperty("p50").GetDouble());
        Assert.True(latency.GetProperty("max").GetDouble() >= latency.GetProperty("p99").GetDouble());
        Assert.True(root.GetProperty("throughputPerSecond").GetDouble() > 0);
    }

    private async Task<int> CountOwnedBy(string participant)
    {
        var page = await _flow.Maker.PassportClient(participant).QueryAsync(new QueryRequest { Owner = participant, PageSize = 500 });
        return page.Passports.Count;
    }

    /// <summary>
    /// Runs cpds as <paramref name="participant"/>; <c>--roles R</c> (test-only, stripped here) sets
    /// the credential's roles. Calls reach the in-process connectors by address; the default
    /// connector is the manufacturer's.
    /// </summary>
    private async Task<(int Exit, string Stdout, string Stderr)> Run(string participant, params string[] args)
    {
        var roles = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--roles")
            {
                roles.Add(args[++i]);
                continue;
            }

            rest.Add(args[i]);
        }

        var credential = Path.Combine(_work.Path, participant + ".jwt");
        File.WriteAllText(credential, _flow.Maker.CredentialFor(participant, [.. roles]));
        if (!rest.Contains("--connector"))
        {
            rest.AddRange(["--connector", SharingFlow.ManufacturerAddress]);
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync([.. rest, "--credential", credential], stdout, stderr,
            address => _flow.Network.For(address.GetLeftPart(UriPartial.Authority)));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => _work.Dispose();
}
