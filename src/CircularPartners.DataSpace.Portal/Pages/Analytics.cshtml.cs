using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Connectors;
using Microsoft.AspNetCore.Mvc;

namespace CircularPartners.DataSpace.Portal.Pages;

/// <summary>
/// The secretariat's analytics: the connector computes every table (and its CSV); the page shows
/// them with bar charts. Anyone else gets the connector's refusal, in plain words.
/// </summary>
internal sealed class AnalyticsModel(ConnectorClients clients) : PortalPageModel
{
    public static readonly string[] Tables = ["submission-rates", "goals-by-indicator", "goals-by-kind", "progress", "pending-submitters"];

    [BindProperty(SupportsGet = true)] public string? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public int? Months { get; set; }
    [BindProperty(SupportsGet = true)] public bool IncludeExempt { get; set; }

    public SubmissionRatesTable? Submission { get; private set; }
    public GoalsByIndicatorTable? ByIndicator { get; private set; }
    public GoalsByKindTable? ByKind { get; private set; }
    public ProgressTable? Progress { get; private set; }
    public PendingSubmittersTable? Pending { get; private set; }

    public async Task OnGetAsync()
    {
        var options = clients.Options();
        var request = Query();
        var membership = clients.Membership;
        Submission = await CallAsync(o => membership.GetSubmissionRatesAsync(request, o), options);
        if (Submission is null)
        {
            return; // refused or unreachable: the same answer for every table
        }
        ByIndicator = await CallAsync(o => membership.GetGoalsByIndicatorAsync(request, o), options);
        ByKind = await CallAsync(o => membership.GetGoalsByKindAsync(request, o), options);
        Progress = await CallAsync(o => membership.GetProgressAsync(request, o), options);
        Pending = await CallAsync(o => membership.GetPendingSubmittersAsync(request, o), options);
    }

    /// <summary>The connector's own CSV (UTF-8 with BOM, so Excel reads the Japanese), passed through unchanged.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string table)
    {
        var export = new ExportAnalyticsTableRequest
        {
            Table = table ?? "",
            AsOf = AsOf ?? "",
            Months = Months ?? 0,
            IncludeExempt = IncludeExempt,
            Language = Localized.English ? "en" : "ja",
        };
        var body = await CallAsync(o => clients.Membership.ExportAnalyticsTableAsync(export, o), clients.Options());
        if (body is null)
        {
            await OnGetAsync();
            return Page();
        }
        var name = $"{(Tables.Contains(table) ? table : "analytics")}-{(string.IsNullOrEmpty(AsOf) ? "today" : AsOf)}.csv";
        return File(body.Data.ToByteArray(), string.IsNullOrEmpty(body.ContentType) ? "text/csv; charset=utf-8" : body.ContentType, name);
    }

    public string CsvLink(string table) =>
        $"/Analytics?handler=Csv&table={table}&asOf={Uri.EscapeDataString(AsOf ?? "")}&months={Months}&includeExempt={IncludeExempt.ToString().ToLowerInvariant()}";

    private AnalyticsRequest Query() => new() { AsOf = AsOf ?? "", Months = Months ?? 0, IncludeExempt = IncludeExempt };
}
