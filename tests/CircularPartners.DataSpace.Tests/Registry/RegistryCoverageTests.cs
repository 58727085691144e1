using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Connector;
using CircularPartners.DataSpace.Tests.Support;
using static CircularPartners.DataSpace.Tests.Registry.RegistryTestSupport;

namespace CircularPartners.DataSpace.Tests.Registry;

/// <summary>Measured coverage, gaps and exports (gRPC, REST, CLI) on one fresh host per class.</summary>
public sealed class RegistryCoverageTests : IClassFixture<ConnectorHostFixture>, IAsyncLifetime
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly ConnectorHost _host;

    public RegistryCoverageTests(ConnectorHostFixture fixture) => _host = fixture.Host;

    // The same three members' reports before every test; a report replaces the member's previous one.
    public async Task InitializeAsync()
    {
        await Report("2010001000002", ("steel", LifecycleStage.Recycling, 40, 12), ("textiles/apparel", LifecycleStage.Collection, 120, 300));
        await Report("3010001000003", ("steel", LifecycleStage.Recycling, 5, 0), ("plastics/pet-bottles", LifecycleStage.Use, 900, 0));
        await Report("4010001000004", ("steel", LifecycleStage.Recycling, 1, 0), ("batteries/ev-batteries", LifecycleStage.Use, 7, 3));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<ReportCoverageResponse> Report(string member, params (string Category, LifecycleStage Stage, long Passports, long Events)[] counts) =>
        _host.RegistryClient(member, "venous").ReportCoverageAsync(new ReportCoverageRequest
        {
            Counts = { counts.Select(c => new CoverageCount { Category = c.Category, Stage = c.Stage, Passports = c.Passports, LifecycleEvents = c.Events }) },
        }).ResponseAsync;

    [Fact]
    public async Task GetCoverageMap_AfterReports_ShowsMeasuredCountsAndFlags()
    {
        var map = await _host.RegistryClient(Member, "arterial").GetCoverageMapAsync(new GetCoverageMapRequest());

        CoverageCell Cell(string category, LifecycleStage stage) => map.Cells.Single(c => c.Category == category && c.Stage == stage);
        Assert.Equal(3, map.ReportingMembers);
        var apparel = Cell("textiles/apparel", LifecycleStage.Collection);
        Assert.Equal((120L, 300L, false, false), (apparel.Passports, apparel.LifecycleEvents, apparel.DeclaredWithoutData, apparel.DataWithoutUseCase));
        Assert.Equal("textile", Assert.Single(apparel.Declared).UseCaseId);
        var battery = Cell("batteries", LifecycleStage.Use);
        Assert.Equal((7L, false), (battery.Passports, battery.DeclaredWithoutData));
        Assert.True(Cell("steel", LifecycleStage.Recycling).DataWithoutUseCase);
        Assert.True(Cell("textiles/apparel", LifecycleStage.Design).DeclaredWithoutData);
        Assert.False(Cell("textiles/apparel", LifecycleStage.Design).DataWithoutUseCase);
    }

    [Fact]
    public async Task ListGaps_RanksByMembersWhoseProductsFallThere()
    {
        var gaps = await _host.RegistryClient(Member, "arterial").ListGapsAsync(new ListGapsRequest { Limit = 3 });

        Assert.Equal(3, gaps.Gaps.Count);
        Assert.Equal(("steel", LifecycleStage.Recycling, 3, 46L), (gaps.Gaps[0].Category, gaps.Gaps[0].Stage, gaps.Gaps[0].Members, gaps.Gaps[0].Passports));
        Assert.Equal(("plastics/pet-bottles", LifecycleStage.Use, 1), (gaps.Gaps[1].Category, gaps.Gaps[1].Stage, gaps.Gaps[1].Members));
        Assert.Equal(0, gaps.Gaps[2].Members);
    }

    [Fact]
    public async Task ExportSvg_IsWellFormedAndCarriesEveryDeclaredCell()
    {
        var client = _host.RegistryClient(Member, "arterial");
        var body = await client.ExportCoverageMapAsync(new ExportCoverageMapRequest { Format = "svg" });
        var map = await client.GetCoverageMapAsync(new GetCoverageMapRequest());

        Assert.Equal("image/svg+xml", body.ContentType);
        var cells = CellsOf(XDocument.Parse(body.Data.ToStringUtf8()));
        var declared = map.Cells.Where(c => c.Declared.Count > 0).ToList();
        Assert.NotEmpty(declared);
        Assert.All(declared, c => Assert.Contains((c.Category, RegistryCommands.StageName(c.Stage)), cells));
    }

    [Fact]
    public async Task ExportCsv_OverRest_HasHeaderRow()
    {
        using var http = RestClient();

        using var response = await http.GetAsync("/v1/registry/coverage:export?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("category,stage,declared_use_cases,statuses,passports,lifecycle_events,members,declared_without_data,data_without_use_case", lines[0]);
        Assert.Contains("steel,recycling,,,46,12,3,false,true", lines);
    }

    [Fact]
    public async Task ListUseCases_OverRest_ReturnsJson()
    {
        using var http = RestClient();

        using var response = await http.GetAsync("/v1/registry/usecases");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(json.RootElement.GetProperty("useCases").EnumerateArray(), u => u.GetProperty("id").GetString() == "battery");
    }

    [Fact]
    public async Task Propose_OverRest_AsMember_IsPending()
    {
        using var http = RestClient();
        var payload = JsonSerializer.Serialize(new { theme = "Tyre retreading", outline = "Retread history per tyre.", stages = new[] { "LIFECYCLE_STAGE_SECONDARY_USE" } });

        using var response = await http.PostAsync("/v1/registry/proposals", new StringContent(payload, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Contains("PROPOSAL_STATUS_PENDING", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CliMapSvg_WritesTheHeatMapToStdout()
    {
        using var work = new TempDirectory();
        var credential = Path.Combine(work.Path, "credential.jwt");
        await File.WriteAllTextAsync(credential, _host.CredentialFor(Member, "arterial"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var channel = _host.Channel();

        var exit = await CliApp.RunAsync(["registry", "map", "--format", "svg", "--credential", credential], stdout, stderr, _ => channel);

        Assert.True(exit == 0, stderr.ToString());
        var cells = CellsOf(XDocument.Parse(stdout.ToString()));
        Assert.Contains(("steel", "recycling"), cells);
        Assert.Contains(("electrical-and-electronic-equipment/office-equipment/imaging-equipment", "secondary_use"), cells);
    }

    private HttpClient RestClient()
    {
        var http = _host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.CredentialFor(Member, "arterial"));
        return http;
    }

    private static HashSet<(string, string)> CellsOf(XDocument svg) =>
        svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "cell")
            .Select(g => ((string)g.Attribute("data-category")!, (string)g.Attribute("data-stage")!)).ToHashSet();
}
