using System.Security.Cryptography;
using System.Text;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace CircularPartners.DataSpace.Tests.Sharing;

/// <summary>
/// Lifecycle events on the record (issue 13, finding 7): each append is audited with the event's
/// id and type, a replayed signed event adds nothing and is answered with the event already
/// recorded, and a refused append without a token is audited too.
/// </summary>
public sealed class LifecycleEventRecordTests : IDisposable
{
    private const string Secretariat = "9000001000009";
    private const string Maker = "1010001000001";
    private const string Recycler = "5010001000005";
    private const string EventJson = "{\"type\":\"recycled\",\"occurredAt\":\"2026-11-28T10:00:00+09:00\",\"recoveredFractions\":[{\"materialName\":\"cobalt\",\"massKg\":4.2}]}";
    private readonly ConnectorNetwork _network = new();
    private readonly ECDsa _recyclerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _makerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ConnectorHost _maker;
    private readonly PublishRequest _battery = Passports.Request("battery");
    private readonly Dictionary<string, string> _credentials = [];

    public LifecycleEventRecordTests()
    {
        var registry = _network.Add("secretariat");
        _maker = _network.Add("maker", new() { ["Identity:RegistryAddress"] = ConnectorNetwork.AddressOf("secretariat") });
        var secretariat = new MembershipService.MembershipServiceClient(registry.Invoker(registry.CredentialFor(Secretariat, "secretariat")));
        foreach (var (id, role) in new[] { (Maker, "arterial"), (Recycler, "venous") })
        {
            secretariat.Join(new JoinRequest { Participant = new Participant
            {
                ParticipantId = id, Name = id, Kind = "company", Roles = { role }, ConnectorAddress = ConnectorNetwork.AddressOf(id == Maker ? "maker" : "recycler"),
                SigningKeys = { (id == Recycler ? _recyclerKey : _makerKey).ExportSubjectPublicKeyInfoPem() },
            } });
            _credentials[id] = secretariat.IssueCredential(new IssueCredentialRequest { ParticipantId = id }).Token;
        }
        new PassportService.PassportServiceClient(_maker.Invoker(_credentials[Maker])).Publish(_battery);
    }

    [Fact]
    public async Task AppendEvent_ReplayedSignedEvent_IsAnsweredWithTheRecordedEventAndAddsNothing()
    {
        var recycler = await RecyclerWithTokenAsync();
        var signature = Sign(EventJson);

        var first = await recycler.AppendEventAsync(new AppendEventRequest { PassportId = _battery.PassportId, EventJson = EventJson, Signature = signature });
        var replay = await recycler.AppendEventAsync(new AppendEventRequest { PassportId = _battery.PassportId, EventJson = EventJson, Signature = signature });
        var resigned = await recycler.AppendEventAsync(new AppendEventRequest { PassportId = _battery.PassportId, EventJson = EventJson, Signature = Sign(EventJson) });

        Assert.Equal(first.EventId, replay.EventId);
        Assert.Equal(first.EventId, resigned.EventId);
        var history = await new PassportService.PassportServiceClient(_maker.Invoker(_credentials[Maker])).HistoryAsync(new HistoryRequest { PassportId = _battery.PassportId });
        Assert.Single(history.Events);
        var records = Audit().Where(e => e.Action == "event.append").ToList();
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.Equal((first.EventId, "recycled"), (r.Details!["event_id"], r.Details["event_type"])));
        Assert.Equal([false, true, true], records.Select(r => r.Details!.ContainsKey("replayed")));
    }

    [Fact]
    public async Task AppendEvent_WithoutToken_IsRefusedAndTheRefusalIsAudited()
    {
        var withoutToken = new PassportService.PassportServiceClient(_maker.Invoker(_credentials[Recycler]));

        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => withoutToken.AppendEventAsync(new AppendEventRequest
        {
            PassportId = _battery.PassportId, EventJson = EventJson, Signature = Sign(EventJson),
        }).ResponseAsync);

        Assert.Equal("agreement.events-not-allowed", ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
        var refused = Assert.Single(Audit(), e => e.Action == "event.append");
        Assert.Equal((Recycler, "denied", "agreement.events-not-allowed", _battery.PassportId), (refused.Actor, refused.Outcome, refused.Reason, Assert.Single(refused.PassportIds)));
    }

    [Fact]
    public async Task AppendEvent_ByTheOwnerWithoutToken_IsAuditedWithTheEventIdAndType()
    {
        var owner = new PassportService.PassportServiceClient(_maker.Invoker(_credentials[Maker]));

        var appended = await owner.AppendEventAsync(new AppendEventRequest
        {
            PassportId = _battery.PassportId, EventJson = EventJson, Signature = Base64UrlEncoder.Encode(_makerKey.SignData(Encoding.UTF8.GetBytes(EventJson), HashAlgorithmName.SHA256)),
        });

        var record = Assert.Single(Audit(), e => e.Action == "event.append");
        Assert.Equal((appended.EventId, "recycled", Maker, "granted"), (record.Details!["event_id"], record.Details["event_type"], record.Owner, record.Outcome));
    }

    private async Task<PassportService.PassportServiceClient> RecyclerWithTokenAsync()
    {
        var maker = new SharingService.SharingServiceClient(_maker.Invoker(_credentials[Maker]));
        var offer = await maker.CreateOfferAsync(new CreateOfferRequest
        {
            Selector = new DatasetSelector { UseCase = "battery" },
            AccessClasses = { "legitimate-interest" },
            Constraints = new OfferConstraints { AllowedRoles = { "venous" }, Purposes = { "recycling" }, AllowEvents = true },
        });
        var direct = new ContractNegotiationService.ContractNegotiationServiceClient(_maker.Invoker(_credentials[Recycler]));
        await direct.RequestContractAsync(new ContractRequest { NegotiationId = "negotiation-1", OfferId = offer.OfferId, Purpose = "recycling" });
        var agreement = await direct.AcceptOfferAsync(new NegotiationStep { NegotiationId = "negotiation-1" });
        var token = await direct.IssueTokenAsync(new TransferRequest { AgreementId = agreement.AgreementId });
        return new PassportService.PassportServiceClient(_maker.Invoker(_credentials[Recycler], token.Token));
    }

    private IReadOnlyList<AuditEntry> Audit() => _maker.Services.GetRequiredService<IAuditLog>().ReadAsync(null, 1, 1000, CancellationToken.None).GetAwaiter().GetResult();

    private string Sign(string json) => Base64UrlEncoder.Encode(_recyclerKey.SignData(Encoding.UTF8.GetBytes(json), HashAlgorithmName.SHA256));

    public void Dispose()
    {
        _network.Dispose();
        _recyclerKey.Dispose();
        _makerKey.Dispose();
    }
}
