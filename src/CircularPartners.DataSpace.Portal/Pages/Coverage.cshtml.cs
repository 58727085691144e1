using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Connectors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CircularPartners.DataSpace.Portal.Pages;

/// <summary>
/// The registry's coverage map: products × lifecycle stages, declared (use cases) or measured
/// (passports and events members report), with the gaps between the two. Each cell is a link to
/// its details, so the map works by keyboard and without script.
/// </summary>
internal sealed class CoverageModel(ConnectorClients clients, IStringLocalizer<SharedResource> text) : PortalPageModel
{
    private Dictionary<(string, LifecycleStage), CoverageCell> _cells = [];

    [BindProperty(SupportsGet = true)] public string Mode { get; set; } = "measured";
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public LifecycleStage? Stage { get; set; }

    public bool Measured => Mode != "declared";
    public CoverageMap? Map { get; private set; }
    public IReadOnlyList<Gap> Gaps { get; private set; } = [];
    public IReadOnlyList<UseCase> UseCases { get; private set; } = [];

    public CoverageCell? Selected => Category is null || Stage is null ? null : Cell(Category, Stage.Value);

    public async Task OnGetAsync()
    {
        var options = clients.Options();
        Map = await CallAsync(o => clients.Registry.GetCoverageMapAsync(new GetCoverageMapRequest(), o), options);
        Gaps = (await CallAsync(o => clients.Registry.ListGapsAsync(new ListGapsRequest(), o), options))?.Gaps ?? [];
        UseCases = (await CallAsync(o => clients.Registry.ListUseCasesAsync(new ListUseCasesRequest(), o), options))?.UseCases ?? [];
        _cells = Map?.Cells.ToDictionary(c => (c.Category, c.Stage)) ?? [];
    }

    /// <summary>The connector counts its own passports and events and reports them (its operator only).</summary>
    public async Task OnPostMeasureAsync()
    {
        if (await CallAsync(o => clients.HomeRegistry.MeasureCoverageAsync(new MeasureCoverageRequest(), o), clients.Options()) is { } measured)
        {
            Notice = text["Coverage_MeasuredNow", measured.Counts.Count, measured.Counts.Sum(c => c.Passports)];
        }
        await OnGetAsync();
    }

    public CoverageCell? Cell(string category, LifecycleStage stage) => _cells.GetValueOrDefault((category, stage));

    public string CategoryName(string id) =>
        Map?.Categories.FirstOrDefault(c => c.Id == id) is { } category ? Localized.Name(category.NameJa, category.NameEn, id) : id;

    /// <summary>0 (nothing) to 4, on a log scale for passports, by count for declared use cases.</summary>
    public int Level(CoverageCell? cell)
    {
        if (cell is null)
        {
            return 0;
        }
        var value = Measured ? cell.Passports + cell.LifecycleEvents : cell.Declared.Count;
        return Measured
            ? value switch { 0 => 0, < 10 => 1, < 100 => 2, < 1000 => 3, _ => 4 }
            : (int)Math.Min(value, 4);
    }

    public long Value(CoverageCell? cell) => cell is null ? 0 : Measured ? cell.Passports : cell.Declared.Count;
}
