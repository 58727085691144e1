using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Connectors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CircularPartners.DataSpace.Portal.Pages.Goals;

/// <summary>One goal: edit it, add achievement reports, and see its progress from baseline to target.</summary>
internal sealed class DetailsModel(ConnectorClients clients, IStringLocalizer<SharedResource> text) : PortalPageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public GoalForm Form { get; set; } = new();

    public Goal? Goal { get; private set; }
    public ListAchievementReportsResponse Reports { get; private set; } = new();
    public VocabularyView Vocabulary { get; private set; } = new(null);

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Goal is not null)
        {
            Form = GoalForm.From(Goal);
        }
    }

    public async Task<IActionResult> OnPostUpdateAsync()
    {
        if (await CallAsync(o => clients.Membership.UpdateGoalAsync(new UpdateGoalRequest { Goal = Form.ToGoal(Id) }, o), clients.Options()) is { } updated)
        {
            Notice = text["Goals_Updated", updated.Title];
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostReportAsync(string? period, double? value, string? comment)
    {
        var report = new AchievementReport { Period = period ?? "", Value = value ?? double.NaN, Comment = comment ?? "" };
        if (await CallAsync(o => clients.Membership.AddAchievementReportAsync(new AddAchievementReportRequest { GoalId = Id, Report = report }, o), clients.Options()) is { } added)
        {
            Notice = text["Goals_Reported", added.Period];
        }
        await LoadAsync();
        if (Goal is not null)
        {
            Form = GoalForm.From(Goal);
        }
        return Page();
    }

    private async Task LoadAsync()
    {
        var options = clients.Options();
        Vocabulary = new VocabularyView(await CallAsync(o => clients.Membership.GetGoalVocabularyAsync(new GetGoalVocabularyRequest(), o), options));
        Goal = await CallAsync(o => clients.Membership.GetGoalAsync(new GetGoalRequest { GoalId = Id }, o), options);
        if (Goal is not null)
        {
            Reports = await CallAsync(o => clients.Membership.ListAchievementReportsAsync(new ListAchievementReportsRequest { GoalId = Id }, o), options) ?? new();
        }
    }
}
