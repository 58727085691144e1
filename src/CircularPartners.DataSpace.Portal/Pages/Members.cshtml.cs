using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Connectors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CircularPartners.DataSpace.Portal.Pages;

/// <summary>The member directory; the secretariat registers join applications and leavings here.</summary>
internal sealed class MembersModel(ConnectorClients clients, IStringLocalizer<SharedResource> text) : PortalPageModel
{
    public static readonly string[] Roles = ["arterial", "venous", "secretariat", "authority"];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }

    public IReadOnlyList<Participant> Members { get; private set; } = [];
    public VocabularyView Vocabulary { get; private set; } = new(null);

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostJoinAsync(string newId, string newName, string newKind, string? newIndustry, string[] newRoles, string newAddress)
    {
        var participant = new Participant { ParticipantId = newId ?? "", Name = newName ?? "", Kind = newKind ?? "", Industry = newIndustry ?? "", ConnectorAddress = newAddress ?? "" };
        participant.Roles.AddRange(newRoles ?? []);
        if (await CallAsync(o => clients.Membership.JoinAsync(new JoinRequest { Participant = participant }, o), clients.Options()) is { } joined)
        {
            Notice = text["Members_Joined", joined.Name, joined.ParticipantId];
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostLeaveAsync(string participantId, string? reason)
    {
        if (await CallAsync(o => clients.Membership.LeaveAsync(new LeaveRequest { ParticipantId = participantId ?? "", Reason = reason ?? "" }, o), clients.Options()) is { } left)
        {
            Notice = text["Members_Left", left.Name, left.ParticipantId];
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>The connector filters; the page only orders by name for reading.</summary>
    private async Task LoadAsync()
    {
        var options = clients.Options();
        Vocabulary = new VocabularyView(await CallAsync(o => clients.Membership.GetGoalVocabularyAsync(new GetGoalVocabularyRequest(), o), options));
        var request = new ListParticipantsRequest { Role = Role ?? "", Kind = Kind ?? "", Industry = Industry ?? "", Query = Q?.Trim() ?? "" };
        var response = await CallAsync(o => clients.Membership.ListParticipantsAsync(request, o), options);
        Members = response?.Participants.OrderBy(p => p.Name, StringComparer.Ordinal).ToList() ?? [];
    }
}
