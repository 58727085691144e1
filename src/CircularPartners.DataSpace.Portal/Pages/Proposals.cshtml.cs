using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Connectors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CircularPartners.DataSpace.Portal.Pages;

/// <summary>Members propose use cases; the secretariat accepts (creating the use case) or declines them.</summary>
internal sealed class ProposalsModel(ConnectorClients clients, IStringLocalizer<SharedResource> text) : PortalPageModel
{
    public static readonly LifecycleStage[] Stages = [.. Enum.GetValues<LifecycleStage>().Where(s => s != LifecycleStage.Unspecified)];

    public IReadOnlyList<Proposal> Proposals { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostProposeAsync(string? theme, string? domain, string? outline, string? categories, LifecycleStage[]? stages)
    {
        var request = new ProposeRequest { Theme = theme ?? "", Domain = domain ?? "", Outline = outline ?? "" };
        request.CategoryIds.AddRange((categories ?? "").Split([',', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        request.Stages.AddRange(stages ?? []);
        if (await CallAsync(o => clients.Registry.ProposeAsync(request, o), clients.Options()) is { } proposal)
        {
            Notice = text["Proposals_Proposed", proposal.Theme];
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(string proposalId, string? useCaseId, string? nameJa, string? nameEn, string? lead)
    {
        var request = new AcceptProposalRequest { ProposalId = proposalId ?? "", UseCaseId = useCaseId ?? "", NameJa = nameJa ?? "", NameEn = nameEn ?? "", LeadOrganisation = lead ?? "" };
        if (await CallAsync(o => clients.Registry.AcceptProposalAsync(request, o), clients.Options()) is { } accepted)
        {
            Notice = text["Proposals_Accepted", accepted.UseCase.Id];
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeclineAsync(string proposalId, string? reason)
    {
        if (await CallAsync(o => clients.Registry.DeclineProposalAsync(new DeclineProposalRequest { ProposalId = proposalId ?? "", Reason = reason ?? "" }, o), clients.Options()) is { } declined)
        {
            Notice = text["Proposals_Declined", declined.Theme];
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Proposals = (await CallAsync(o => clients.Registry.ListProposalsAsync(new ListProposalsRequest(), o), clients.Options()))?.Proposals
            .OrderByDescending(p => p.ProposedAt?.ToDateTimeOffset()).ToList() ?? [];
}
