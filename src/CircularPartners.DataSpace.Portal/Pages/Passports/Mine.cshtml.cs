using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Connectors;
using CircularPartners.DataSpace.Portal.Identity;

namespace CircularPartners.DataSpace.Portal.Pages.Passports;

/// <summary>
/// An owner's view of its own connector: its passports, its offers, its agreements and the access
/// log (who read what, when, under which agreement), all as the connector's API returns them.
/// </summary>
internal sealed class MineModel(ConnectorClients clients) : PortalPageModel
{
    private const int AuditShown = 100;

    public IReadOnlyList<Passport> Passports { get; private set; } = [];
    public IReadOnlyList<Offer> Offers { get; private set; } = [];
    public IReadOnlyList<Agreement> Agreements { get; private set; } = [];
    public IReadOnlyList<AuditRecord> Audit { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.ParticipantId();
        var options = clients.Options();
        Passports = (await CallAsync(o => clients.Passports.QueryAsync(new QueryRequest { Owner = me, PageSize = 100 }, o), options))?.Passports ?? [];
        Offers = (await CallAsync(o => clients.Sharing.GetCatalogAsync(new CatalogRequest(), o), options))?.Offers.Where(offer => offer.Provider == me).ToList() ?? [];
        Agreements = (await CallAsync(o => clients.Sharing.ListAgreementsAsync(new ListAgreementsRequest(), o), options))?.Agreements ?? [];
        // The newest records: the log is read from its start, so read a window and keep the end.
        var audit = await CallAsync(o => clients.Sharing.ListAuditAsync(new ListAuditRequest { Limit = 1000 }, o), options);
        Audit = audit?.Records.Reverse().Take(AuditShown).ToList() ?? [];
    }
}
