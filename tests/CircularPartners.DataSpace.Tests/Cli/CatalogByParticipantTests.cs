using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Cli;

/// <summary>
/// <c>cpds catalog</c> takes a participant id as <c>negotiate</c> does: one's own connector looks
/// up the address the provider registered with the secretariat.
/// </summary>
public sealed class CatalogByParticipantTests : IDisposable
{
    private const string Maker = "1010001000001";
    private const string Recycler = "5010001000005";
    private readonly ConnectorNetwork _network = new();
    private readonly TempDirectory _work = new();
    private readonly ConnectorHost _registry;
    private readonly ConnectorHost _maker;

    public CatalogByParticipantTests()
    {
        _registry = _network.Add("secretariat");
        var follow = new Dictionary<string, string> { ["Identity:RegistryAddress"] = ConnectorNetwork.AddressOf("secretariat") };
        _maker = _network.Add("maker", follow);
        _network.Add("recycler", follow);
    }

    [Fact]
    public async Task Catalog_ByParticipantId_ReadsTheRegisteredConnectorsOffers()
    {
        var secretariat = new MembershipService.MembershipServiceClient(_registry.Invoker(_registry.CredentialFor("9000001000009", "secretariat")));
        await secretariat.JoinAsync(new JoinRequest
        {
            Participant = new Participant { ParticipantId = Maker, Name = "Maker K.K.", Kind = "company", Roles = { "arterial" }, ConnectorAddress = ConnectorNetwork.AddressOf("maker") },
        });
        var offer = await _maker.SharingClient(Maker, "arterial").CreateOfferAsync(new CreateOfferRequest
        {
            Title = "Battery passports", Selector = new DatasetSelector { UseCase = "battery" }, AccessClasses = { "legitimate-interest" },
            Constraints = new OfferConstraints { AllowedRoles = { "venous" }, Purposes = { "recycling" } },
        });
        var credential = Path.Combine(_work.Path, "recycler.jwt");
        File.WriteAllText(credential, _registry.CredentialFor(Recycler, "venous"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(
            ["--connector", ConnectorNetwork.AddressOf("recycler"), "catalog", Maker, "--credential", credential],
            stdout, stderr, address => _network.For(address.GetLeftPart(UriPartial.Authority)));

        Assert.True(exit == 0, stderr.ToString());
        Assert.Contains(offer.OfferId, stdout.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _network.Dispose();
        _work.Dispose();
    }
}
