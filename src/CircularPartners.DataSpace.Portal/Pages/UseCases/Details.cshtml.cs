using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Connectors;

namespace CircularPartners.DataSpace.Portal.Pages.UseCases;

/// <summary>One use case: what it covers, who takes part, and its change history.</summary>
internal sealed class DetailsModel(ConnectorClients clients) : PortalPageModel
{
    public UseCase? UseCase { get; private set; }
    public IReadOnlyList<RegistryChange> Changes { get; private set; } = [];

    public async Task OnGetAsync(string id)
    {
        var options = clients.Options();
        UseCase = await CallAsync(o => clients.Registry.GetUseCaseAsync(new GetUseCaseRequest { UseCaseId = id }, o), options);
        if (UseCase is not null)
        {
            Changes = (await CallAsync(o => clients.Registry.ListChangesAsync(new ListChangesRequest { Subject = id, Limit = 50 }, o), options))?.Changes ?? [];
        }
    }
}
