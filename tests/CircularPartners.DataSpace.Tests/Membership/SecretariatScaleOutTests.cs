using System.Security.Cryptography;
using System.Text;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Connector;
using CircularPartners.DataSpace.Tests.Registry;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;

namespace CircularPartners.DataSpace.Tests.Membership;

/// <summary>
/// The secretariat's connector as two replicas (A, B) on one Azure Blob container (Azurite): what
/// one replica records about membership, the use-case registry and lifecycle events, the other
/// enforces and lists. The replicas poll every 50 ms; the tests poll until the change shows, with
/// a generous guard against a hang, never asserting on how long it took.
/// </summary>
public sealed class SecretariatScaleOutTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Secretariat = "9000001000009";
    private const string Maker = "1010001000001";
    private const string Recycler = "5010001000005";
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly ConnectorNetwork _network = new();

    private (ConnectorHost A, ConnectorHost B) TwoReplicas()
    {
        var container = AzuriteFixture.NewContainerName();
        return (_network.Add("secretariat-a", ScaleOutTests.AzureSettings(azurite, container)),
            _network.Add("secretariat-b", ScaleOutTests.AzureSettings(azurite, container)));
    }

    private static MembershipService.MembershipServiceClient AsSecretariat(ConnectorHost host) =>
        new(host.Invoker(host.CredentialFor(Secretariat, "secretariat")));

    private static Participant Member(string id, string role = "venous", string? signingKey = null)
    {
        var member = new Participant { ParticipantId = id, Name = id, Kind = "company", Industry = "recycling", Roles = { role }, ConnectorAddress = "http://" + id + ".test" };
        if (signingKey is not null)
        {
            member.SigningKeys.Add(signingKey);
        }
        return member;
    }

    [Fact]
    public async Task RevokeCredential_ThroughReplicaA_IsRefusedByReplicaB()
    {
        var (a, b) = TwoReplicas();
        await AsSecretariat(a).JoinAsync(new JoinRequest { Participant = Member(Recycler) });
        var revoked = await AsSecretariat(a).IssueCredentialAsync(new IssueCredentialRequest { ParticipantId = Recycler });
        var kept = await AsSecretariat(a).IssueCredentialAsync(new IssueCredentialRequest { ParticipantId = Recycler });
        await b.PassportClientWithToken(revoked.Token).QueryAsync(new QueryRequest()); // accepted on B before the revocation

        await AsSecretariat(a).RevokeCredentialAsync(new RevokeCredentialRequest { CredentialId = revoked.CredentialId });

        await UntilRefusedAsync(b, revoked.Token);
        await b.PassportClientWithToken(kept.Token).QueryAsync(new QueryRequest());
    }

    [Fact]
    public async Task Leave_ThroughReplicaA_IsRefusedByReplicaB_AndBListsTheMemberAsLeft()
    {
        var (a, b) = TwoReplicas();
        await AsSecretariat(a).JoinAsync(new JoinRequest { Participant = Member(Recycler) });
        var credential = (await AsSecretariat(a).IssueCredentialAsync(new IssueCredentialRequest { ParticipantId = Recycler })).Token;
        await UntilAsync(async () => (await AsSecretariat(b).ListParticipantsAsync(new ListParticipantsRequest())).Participants.Any(p => p.ParticipantId == Recycler));
        await b.PassportClientWithToken(credential).QueryAsync(new QueryRequest());

        await new MembershipService.MembershipServiceClient(a.Invoker(credential)).LeaveAsync(new LeaveRequest { ParticipantId = Recycler });

        await UntilRefusedAsync(b, credential);
        await UntilAsync(async () => (await AsSecretariat(b).GetParticipantAsync(new GetParticipantRequest { ParticipantId = Recycler })).Status == "left");
    }

    [Fact]
    public async Task Propose_OnEachReplica_GetsTwoDistinctIds_BothListedOnBoth()
    {
        var (a, b) = TwoReplicas();
        var onA = a.RegistryClient(Recycler, "venous");
        var onB = b.RegistryClient(Recycler, "venous");

        var proposals = await Task.WhenAll(
            onA.ProposeAsync(new ProposeRequest { Theme = "Umbrella sharing", Outline = "Shared umbrellas." }).ResponseAsync,
            onB.ProposeAsync(new ProposeRequest { Theme = "Solar panel reuse", Outline = "Second-life panels." }).ResponseAsync);

        Assert.NotEqual(proposals[0].Id, proposals[1].Id);
        foreach (var replica in new[] { onA, onB })
        {
            await UntilAsync(async () => (await replica.ListProposalsAsync(new ListProposalsRequest())).Proposals
                .Select(p => p.Id).Order(StringComparer.Ordinal).SequenceEqual(proposals.Select(p => p.Id).Order(StringComparer.Ordinal)));
        }
    }

    [Fact]
    public async Task AppendEvent_ThroughReplicaA_IsListedThroughReplicaB()
    {
        var (a, b) = TwoReplicas();
        using var makerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await AsSecretariat(a).JoinAsync(new JoinRequest { Participant = Member(Maker, "arterial", makerKey.ExportSubjectPublicKeyInfoPem()) });
        var credential = (await AsSecretariat(a).IssueCredentialAsync(new IssueCredentialRequest { ParticipantId = Maker })).Token;
        var battery = Passports.Request("battery");
        await a.PassportClientWithToken(credential).PublishAsync(battery);
        const string eventJson = "{\"type\":\"recycled\",\"occurredAt\":\"2026-11-28T10:00:00+09:00\",\"recoveredFractions\":[{\"materialName\":\"cobalt\",\"massKg\":4.2}]}";

        var appended = await a.PassportClientWithToken(credential).AppendEventAsync(new AppendEventRequest
        {
            PassportId = battery.PassportId, EventJson = eventJson,
            Signature = Base64UrlEncoder.Encode(makerKey.SignData(Encoding.UTF8.GetBytes(eventJson), HashAlgorithmName.SHA256)),
        });

        var history = await b.PassportClientWithToken(credential).HistoryAsync(new HistoryRequest { PassportId = battery.PassportId });
        Assert.Equal(appended.EventId, Assert.Single(history.Events).EventId);
    }

    private static async Task UntilRefusedAsync(ConnectorHost host, string credential)
    {
        var client = host.PassportClientWithToken(credential);
        await UntilAsync(async () =>
        {
            try
            {
                await client.QueryAsync(new QueryRequest());
                return false;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
            {
                return true;
            }
        });
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (!await condition())
        {
            await Task.Delay(20, guard.Token);
        }
    }

    public void Dispose() => _network.Dispose();
}
