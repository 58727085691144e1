using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Connectors;
using CircularPartners.DataSpace.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CircularPartners.DataSpace.Portal.Pages.Goals;

/// <summary>The member's own circular-economy goals: register one, see each one's progress.</summary>
internal sealed class IndexModel(ConnectorClients clients, IStringLocalizer<SharedResource> text) : PortalPageModel
{
    public VocabularyView Vocabulary { get; private set; } = new(null);
    public IReadOnlyList<Goal> Goals { get; private set; } = [];

    [BindProperty] public GoalForm Form { get; set; } = new();

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await CallAsync(o => clients.Membership.CreateGoalAsync(new CreateGoalRequest { Goal = Form.ToGoal() }, o), clients.Options()) is { } created)
        {
            Notice = text["Goals_Created", created.Title];
            Form = new GoalForm();
            ModelState.Clear();
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var options = clients.Options();
        Vocabulary = new VocabularyView(await CallAsync(o => clients.Membership.GetGoalVocabularyAsync(new GetGoalVocabularyRequest(), o), options));
        // Her own, also for the secretariat (who would see everyone's with an empty id).
        var request = new ListGoalsRequest { ParticipantId = User.ParticipantId() };
        Goals = (await CallAsync(o => clients.Membership.ListGoalsAsync(request, o), options))?.Goals ?? [];
    }
}
