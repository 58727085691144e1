using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Connectors;
using Microsoft.AspNetCore.Mvc;

namespace CircularPartners.DataSpace.Portal.Pages.Passports;

/// <summary>Look a passport up by id and see exactly the fields the connector releases to this viewer.</summary>
internal sealed class IndexModel(ConnectorClients clients) : PortalPageModel
{
    [BindProperty(SupportsGet = true)] public string? Id { get; set; }

    public Passport? Passport { get; private set; }
    public IReadOnlyList<PassportField> Fields { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            return;
        }
        Passport = await CallAsync(o => clients.Passports.GetAsync(new GetPassportRequest { PassportId = Id.Trim() }, o), clients.Options());
        Fields = Passport is null ? [] : PassportFields.Flatten(Passport.Json);
    }
}
