using System.Security.Cryptography;
using System.Text;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;

namespace CircularPartners.DataSpace.Tests.Sharing;

/// <summary>
/// The data space in one test run: the secretariat's registry, two manufacturers and a recycler,
/// each with its own connector, talking gRPC to each other.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    private const string Secretariat = "9000001000009";
    private const string MakerA = "1010001000001";
    private const string MakerB = "2010001000002";
    private const string Recycler = "5010001000005";
    private readonly ConnectorNetwork _network = new();
    private readonly ECDsa _recyclerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public async Task DataSpace_PublishNegotiateReadFederateWriteBackTerminateAudit()
    {
        var follow = new Dictionary<string, string> { ["Identity:RegistryAddress"] = ConnectorNetwork.AddressOf("secretariat") };
        var registry = _network.Add("secretariat");
        var makerA = _network.Add("maker-a", follow, MakerA);
        var makerB = _network.Add("maker-b", follow, MakerB);
        var recycler = _network.Add("recycler", follow);

        // Membership: the secretariat registers everyone and issues their credentials.
        var secretariat = new MembershipService.MembershipServiceClient(registry.Invoker(registry.CredentialFor(Secretariat, "secretariat")));
        var credentials = new Dictionary<string, string>();
        foreach (var (id, role, address) in new[] { (MakerA, "arterial", "maker-a"), (MakerB, "arterial", "maker-b"), (Recycler, "venous", "recycler") })
        {
            await secretariat.JoinAsync(new JoinRequest { Participant = new Participant
            {
                ParticipantId = id, Name = id, Kind = "company", Roles = { role }, ConnectorAddress = ConnectorNetwork.AddressOf(address),
                SigningKeys = { id == Recycler ? _recyclerKey.ExportSubjectPublicKeyInfoPem() : "" },
            } });
            credentials[id] = (await secretariat.IssueCredentialAsync(new IssueCredentialRequest { ParticipantId = id })).Token;
        }

        // Publish: each manufacturer on its own connector.
        var battery = Passports.Request("battery");
        var officeEquipment = Passports.Request("office-equipment");
        await new PassportService.PassportServiceClient(makerA.Invoker(credentials[MakerA])).PublishAsync(battery);
        await new PassportService.PassportServiceClient(makerB.Invoker(credentials[MakerB])).PublishAsync(officeEquipment);
        var offerA = await Offer(makerA, credentials[MakerA], "battery");
        var offerB = await Offer(makerB, credentials[MakerB], "office-equipment");

        // Catalog and negotiation, driven by the recycler's connector.
        var recyclerSharing = new SharingService.SharingServiceClient(recycler.Invoker(credentials[Recycler]));
        var catalog = await new SharingService.SharingServiceClient(makerA.Invoker(credentials[Recycler])).GetCatalogAsync(new CatalogRequest());
        Assert.Contains(catalog.Offers, o => o.OfferId == offerA.OfferId);
        var withA = await recyclerSharing.NegotiateAsync(new NegotiateRequest { ProviderAddress = ConnectorNetwork.AddressOf("maker-a"), OfferId = offerA.OfferId, Purpose = "recycling" });
        // By participant id: the recycler's connector looks maker B's address up in the registry.
        var withB = await recyclerSharing.NegotiateAsync(new NegotiateRequest { Provider = MakerB, OfferId = offerB.OfferId, Purpose = "recycling" });
        Assert.Equal(ConnectorNetwork.AddressOf("maker-b"), withB.ProviderAddress);
        Assert.Equal([NegotiationState.Finalized, NegotiationState.Finalized], new[] { withA.State, withB.State });

        // Transfer and a field-filtered read.
        var token = await recyclerSharing.RequestTransferAsync(new TransferRequest { AgreementId = withA.AgreementId });
        var readAtA = new PassportService.PassportServiceClient(makerA.Invoker(credentials[Recycler], token.Token));
        var read = await readAtA.GetAsync(new GetPassportRequest { PassportId = battery.PassportId });
        Assert.Contains("materialComposition", read.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("supplyChainDueDiligence", read.Json, StringComparison.Ordinal);

        // Federated query: both manufacturers answer.
        var federated = await recyclerSharing.FederatedQueryAsync(new FederatedQueryRequest { Cas = { "7439-92-1" } });
        var all = await recyclerSharing.FederatedQueryAsync(new FederatedQueryRequest());
        Assert.All(all.Providers, p => Assert.Equal("ok", p.Status));
        Assert.Contains(all.Passports, p => p.PassportId == battery.PassportId && p.Provider == MakerA);
        Assert.Contains(all.Passports, p => p.PassportId == officeEquipment.PassportId && p.Provider == MakerB);
        Assert.Equal(2, federated.Providers.Count);

        // Write-back: a signed recycling event on the manufacturer's passport, visible to the owner.
        var eventJson = "{\"type\":\"recycled\",\"occurredAt\":\"2026-11-28T10:00:00+09:00\",\"recoveredFractions\":[{\"materialName\":\"cobalt\",\"massKg\":4.2}]}";
        var signature = Base64UrlEncoder.Encode(_recyclerKey.SignData(Encoding.UTF8.GetBytes(eventJson), HashAlgorithmName.SHA256));
        await readAtA.AppendEventAsync(new AppendEventRequest { PassportId = battery.PassportId, EventJson = eventJson, Signature = signature });
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => readAtA.AppendEventAsync(new AppendEventRequest
        {
            PassportId = battery.PassportId, EventJson = eventJson.Replace("4.2", "42", StringComparison.Ordinal), Signature = signature,
        }).ResponseAsync);
        var ownerHistory = await new PassportService.PassportServiceClient(makerA.Invoker(credentials[MakerA])).HistoryAsync(new HistoryRequest { PassportId = battery.PassportId });
        var recorded = Assert.Single(ownerHistory.Events);
        Assert.Equal((Recycler, "recycled"), (recorded.Author, recorded.Type));

        // Termination stops the token; the audit chain on the provider verifies.
        await recyclerSharing.TerminateAgreementAsync(new TerminateAgreementRequest { AgreementId = withA.AgreementId });
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => readAtA.GetAsync(new GetPassportRequest { PassportId = battery.PassportId }).ResponseAsync);
        var makerASharing = new SharingService.SharingServiceClient(makerA.Invoker(credentials[MakerA]));
        var audit = await makerASharing.ListAuditAsync(new ListAuditRequest());
        Assert.Contains(audit.Records, r => r.Action == "event.append" && r.Outcome == "granted");
        Assert.Contains(audit.Records, r => r.Action == "event.append" && r.Outcome == "denied" && r.Reason == "event.signature");
        Assert.True((await makerASharing.VerifyAuditAsync(new VerifyAuditRequest())).Intact);
    }

    private static async Task<Offer> Offer(ConnectorHost host, string credential, string useCase) =>
        await new SharingService.SharingServiceClient(host.Invoker(credential)).CreateOfferAsync(new CreateOfferRequest
        {
            Selector = new DatasetSelector { UseCase = useCase },
            AccessClasses = { "legitimate-interest" },
            Constraints = new OfferConstraints { AllowedRoles = { "venous" }, Purposes = { "recycling" }, AllowEvents = true },
        });

    public void Dispose()
    {
        _network.Dispose();
        _recyclerKey.Dispose();
    }
}
