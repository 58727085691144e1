using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPartners.DataSpace.Tests.Sharing;

/// <summary>
/// A manufacturer's connector offering its battery passports to venous participants for
/// recycling, and a recycler's connector, on one in-process network.
/// </summary>
public sealed class SharingFlow : IDisposable
{
    public const string Manufacturer = "1010001000001";
    public const string Recycler = "5010001000005";
    public static readonly string ManufacturerAddress = ConnectorNetwork.AddressOf("maker");
    public static readonly string RecyclerAddress = ConnectorNetwork.AddressOf("recycler");

    public SharingFlow()
        : this(null, null, null)
    {
    }

    /// <param name="settings">Settings for both connectors besides their own.</param>
    /// <param name="makerServices">Registrations added to the manufacturer's connector.</param>
    /// <param name="recyclerServices">Registrations added to the recycler's connector.</param>
    /// <remarks>Not public: a class fixture has exactly one public constructor.</remarks>
    internal SharingFlow(Dictionary<string, string>? settings, Action<IServiceCollection>? makerServices, Action<IServiceCollection>? recyclerServices)
    {
        settings ??= [];
        Maker = Network.Add("maker", new Dictionary<string, string>(settings), services: makerServices);
        // The recycler's connector tells providers where it is, so a provider's termination reaches it.
        Recycling = Network.Add("recycler", new Dictionary<string, string>(settings) { ["Sharing:PublicAddress"] = RecyclerAddress },
            services: recyclerServices);
        Maker.PassportClient(Manufacturer).Publish(Battery);
        Maker.PassportClient(Manufacturer).Publish(Cmp);
        Offer = MakerSharing.CreateOffer(new CreateOfferRequest
        {
            Title = "EV battery passports for recyclers",
            Selector = new DatasetSelector { UseCase = "battery" },
            AccessClasses = { "legitimate-interest" },
            Constraints = new OfferConstraints { AllowedRoles = { "venous" }, Purposes = { "recycling", "repair" }, AllowEvents = true },
        });
    }

    public ConnectorNetwork Network { get; } = new();
    public ConnectorHost Maker { get; }
    public ConnectorHost Recycling { get; }
    public PublishRequest Battery { get; } = Passports.Request("battery");
    public PublishRequest Cmp { get; } = Passports.Request("cmp");
    public Offer Offer { get; }

    public SharingService.SharingServiceClient MakerSharing => Maker.SharingClient(Manufacturer, "arterial");

    /// <summary>The recycler's own connector, called with the recycler's credential.</summary>
    public SharingService.SharingServiceClient RecyclerSharing => Recycling.SharingClient(Recycler, "venous");

    public string RecyclerCredential => Recycling.CredentialFor(Recycler, "venous");

    /// <summary>Negotiates the offer for recycling and returns a data-access token for it.</summary>
    public async Task<(Negotiation Negotiation, DataAccessToken Token)> AgreeAsync(string purpose = "recycling")
    {
        var negotiation = await RecyclerSharing.NegotiateAsync(new NegotiateRequest { ProviderAddress = ManufacturerAddress, OfferId = Offer.OfferId, Purpose = purpose });
        var token = await RecyclerSharing.RequestTransferAsync(new TransferRequest { AgreementId = negotiation.AgreementId });
        return (negotiation, token);
    }

    /// <summary>The recycler reading on the manufacturer's connector, with its credential and a token.</summary>
    public PassportService.PassportServiceClient RecyclerAtMaker(string? accessToken) =>
        Maker.PassportClientWithToken(RecyclerCredential, accessToken);

    public void Dispose() => Network.Dispose();
}
