using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Connector;
using CircularPartners.DataSpace.Tests.Sharing;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>
/// A provider running as two replicas (A, B) on one fresh Azure Blob container and a recycler's
/// connector: a battery passport published and offered through A, negotiated and a data-access
/// token obtained.
/// </summary>
internal sealed record ReplicatedProvider(ConnectorHost A, ConnectorHost B, PublishRequest Battery, Negotiation Negotiation, DataAccessToken Token, string Credential)
{
    public static async Task<ReplicatedProvider> AgreeThroughReplicaAAsync(ConnectorNetwork network, AzuriteFixture azurite, bool singleUse = false)
    {
        var container = AzuriteFixture.NewContainerName();
        var a = network.Add("maker-a", ScaleOutTests.AzureSettings(azurite, container));
        var b = network.Add("maker-b", ScaleOutTests.AzureSettings(azurite, container));
        var recycling = network.Add("recycler");
        var battery = Passports.Request("battery");
        await a.PassportClient(SharingFlow.Manufacturer).PublishAsync(battery);
        var offer = await a.SharingClient(SharingFlow.Manufacturer, "arterial").CreateOfferAsync(new CreateOfferRequest
        {
            Title = "EV battery passports for recyclers",
            Selector = new DatasetSelector { UseCase = "battery" },
            AccessClasses = { "legitimate-interest" },
            Constraints = new OfferConstraints { AllowedRoles = { "venous" }, Purposes = { "recycling" } },
        });
        var consumer = recycling.SharingClient(SharingFlow.Recycler, "venous");
        var negotiation = await consumer.NegotiateAsync(new NegotiateRequest
        {
            ProviderAddress = ConnectorNetwork.AddressOf("maker-a"), OfferId = offer.OfferId, Purpose = "recycling",
        });
        var token = await consumer.RequestTransferAsync(new TransferRequest { AgreementId = negotiation.AgreementId, SingleUse = singleUse });
        return new(a, b, battery, negotiation, token, recycling.CredentialFor(SharingFlow.Recycler, "venous"));
    }
}
