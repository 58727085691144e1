using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Connectors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CircularPartners.DataSpace.Portal.Pages;

/// <summary>The member directory; the secretariat registers join applications and leavings here.</summary>
internal sealed class MembersModel(ConnectorClients clients, IStringLocalizer<SharedResource> text) : PortalPageModel
{
    public static readonly string[] Kinds = ["company", "municipality", "university", "association", "government", "other"];
    public static readonly string[] Roles = ["arterial", "venous", "secretariat", "authority"];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }

    public IReadOnlyList<Participant> Members { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<string> Industries { get; private set; } = [];

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

    private async Task LoadAsync()
    {
        var response = await CallAsync(o => clients.Membership.ListParticipantsAsync(new ListParticipantsRequest { Role = Role ?? "" }, o), clients.Options());
        if (response is null)
        {
            return;
        }
        Total = response.Participants.Count;
        Industries = [.. response.Participants.Select(p => p.Industry).Where(i => i.Length > 0).Distinct().Order(StringComparer.Ordinal)];
        Members = [.. response.Participants.Where(Matches).OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    private bool Matches(Participant p) =>
        (string.IsNullOrWhiteSpace(Q) || p.Name.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase) || p.ParticipantId.Contains(Q.Trim(), StringComparison.Ordinal))
        && (string.IsNullOrEmpty(Kind) || p.Kind == Kind)
        && (string.IsNullOrEmpty(Industry) || p.Industry == Industry);
}
