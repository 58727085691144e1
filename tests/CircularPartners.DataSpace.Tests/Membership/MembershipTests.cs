using CircularPartners.DataSpace.Connector.Membership;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPartners.DataSpace.Tests.Membership;

/// <summary>The secretariat's registry, and a member connector that follows its revocations.</summary>
public sealed class MembershipTests : IDisposable
{
    private const string Secretariat = "9000001000009";
    private const string Recycler = "5010001000005";
    private readonly ConnectorNetwork _network = new();
    private readonly CapturedLogs _makerLogs = new();
    private readonly ConnectorHost _registry;
    private readonly ConnectorHost _maker;

    public MembershipTests()
    {
        _registry = _network.Add("secretariat");
        _maker = _network.Add("maker", new() { ["Identity:RegistryAddress"] = ConnectorNetwork.AddressOf("secretariat") }, logs: _makerLogs);
    }

    private MembershipService.MembershipServiceClient Registry(string participant, params string[] roles) =>
        new(_registry.Invoker(_registry.CredentialFor(participant, roles)));

    [Fact]
    public async Task Join_ByNonSecretariat_IsDeniedNamingTheRule()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Registry("1010001000001", "arterial")
            .JoinAsync(new JoinRequest { Participant = Member(Recycler) }).ResponseAsync);
        Assert.Equal("membership.secretariat-only", ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
    }

    [Fact]
    public async Task Join_UnknownKindAndRole_ReportsBoth()
    {
        var candidate = Member(Recycler);
        candidate.Kind = "club";
        candidate.Roles.Add("superuser");
        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Registry(Secretariat, "secretariat").JoinAsync(new JoinRequest { Participant = candidate }).ResponseAsync);
        Assert.Equal(["participant.kind", "participant.roles"], RpcAssert.Violations(ex).Select(v => v.Field).Order());
    }

    [Fact]
    public async Task Leave_MakesTheParticipantsCredentialRefusedEverywhereFromTheNextCall()
    {
        var secretariat = Registry(Secretariat, "secretariat");
        await secretariat.JoinAsync(new JoinRequest { Participant = Member(Recycler) });
        var credential = (await secretariat.IssueCredentialAsync(new IssueCredentialRequest { ParticipantId = Recycler })).Token;
        var atMaker = _maker.PassportClientWithToken(credential);
        await atMaker.QueryAsync(new QueryRequest());
        await WaitForFollowerAsync();

        var left = await new MembershipService.MembershipServiceClient(_registry.Invoker(credential)).LeaveAsync(new LeaveRequest { ParticipantId = Recycler });

        Assert.Equal("left", left.Status);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => atMaker.QueryAsync(new QueryRequest()).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => _registry.PassportClientWithToken(credential).QueryAsync(new QueryRequest()).ResponseAsync);
    }

    [Fact]
    public async Task Leave_ThenRejoin_NewCredentialAcceptedEverywhere_OldStillRefused()
    {
        var secretariat = Registry(Secretariat, "secretariat");
        await secretariat.JoinAsync(new JoinRequest { Participant = Member(Recycler) });
        var old = (await secretariat.IssueCredentialAsync(new IssueCredentialRequest { ParticipantId = Recycler })).Token;
        await WaitForFollowerAsync();
        await secretariat.LeaveAsync(new LeaveRequest { ParticipantId = Recycler });
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => _maker.PassportClientWithToken(old).QueryAsync(new QueryRequest()).ResponseAsync);

        _registry.Clock.Advance(TimeSpan.FromMinutes(5));
        _maker.Clock.Advance(TimeSpan.FromMinutes(5));
        await secretariat.JoinAsync(new JoinRequest { Participant = Member(Recycler) });
        var renewed = (await secretariat.IssueCredentialAsync(new IssueCredentialRequest { ParticipantId = Recycler })).Token;

        await _maker.PassportClientWithToken(renewed).QueryAsync(new QueryRequest());
        await _registry.PassportClientWithToken(renewed).QueryAsync(new QueryRequest());
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => _maker.PassportClientWithToken(old).QueryAsync(new QueryRequest()).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => _registry.PassportClientWithToken(old).QueryAsync(new QueryRequest()).ResponseAsync);
    }

    [Fact]
    public async Task Leave_ThenRejoin_MemberConnectorStartedLater_StillRefusesTheOldCredentialOnly()
    {
        var secretariat = Registry(Secretariat, "secretariat");
        await secretariat.JoinAsync(new JoinRequest { Participant = Member(Recycler) });
        var old = (await secretariat.IssueCredentialAsync(new IssueCredentialRequest { ParticipantId = Recycler })).Token;
        await secretariat.LeaveAsync(new LeaveRequest { ParticipantId = Recycler });
        _registry.Clock.Advance(TimeSpan.FromMinutes(5));
        await secretariat.JoinAsync(new JoinRequest { Participant = Member(Recycler) });
        var renewed = (await secretariat.IssueCredentialAsync(new IssueCredentialRequest { ParticipantId = Recycler })).Token;

        using var late = new ConnectorHost(settings: new() { ["Identity:RegistryAddress"] = ConnectorNetwork.AddressOf("secretariat") }) { Network = _network };
        File.Copy(Path.Combine(_maker.DataDirectory, "identity", "dev-issuer.key.pem"), Path.Combine(Directory.CreateDirectory(Path.Combine(late.DataDirectory, "identity")).FullName, "dev-issuer.key.pem"));
        late.Clock.Advance(TimeSpan.FromMinutes(5));
        var followers = _registry.Services.GetRequiredService<RevocationBroadcaster>().FollowerCount;
        _ = late.Services;
        await WaitForFollowerAsync(followers + 1);
        await WaitForRevocationsAsync(late, 1);

        await late.PassportClientWithToken(renewed).QueryAsync(new QueryRequest());
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => late.PassportClientWithToken(old).QueryAsync(new QueryRequest()).ResponseAsync);
    }

    [Fact]
    public async Task RevokeCredential_RefusesThatCredentialOnly_AndSurvivesAFollowerRestart()
    {
        var secretariat = Registry(Secretariat, "secretariat");
        await secretariat.JoinAsync(new JoinRequest { Participant = Member(Recycler) });
        var first = await secretariat.IssueCredentialAsync(new IssueCredentialRequest { ParticipantId = Recycler });
        var second = await secretariat.IssueCredentialAsync(new IssueCredentialRequest { ParticipantId = Recycler });
        await WaitForFollowerAsync();

        await secretariat.RevokeCredentialAsync(new RevokeCredentialRequest { CredentialId = first.CredentialId });

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => _maker.PassportClientWithToken(first.Token).QueryAsync(new QueryRequest()).ResponseAsync);
        await _maker.PassportClientWithToken(second.Token).QueryAsync(new QueryRequest());
        using var restarted = new ConnectorHost(settings: new() { ["Identity:RegistryAddress"] = ConnectorNetwork.AddressOf("secretariat") }) { Network = _network };
        File.Copy(Path.Combine(_maker.DataDirectory, "identity", "dev-issuer.key.pem"), Path.Combine(Directory.CreateDirectory(Path.Combine(restarted.DataDirectory, "identity")).FullName, "dev-issuer.key.pem"));
        var followers = _registry.Services.GetRequiredService<RevocationBroadcaster>().FollowerCount;
        _ = restarted.Services;
        await WaitForFollowerAsync(followers + 1);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => restarted.PassportClientWithToken(first.Token).QueryAsync(new QueryRequest()).ResponseAsync);
    }

    [Fact]
    public async Task RevocationFeed_RegistryDownForAWhile_MemberWarnsOnceWhenLostAndOnceWhenBack()
    {
        var logs = new CapturedLogs();
        var member = _network.Add("member", new() { ["Identity:RegistryAddress"] = ConnectorNetwork.AddressOf("registry") }, logs: logs);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            member.Clock.Advance(TimeSpan.FromSeconds(1)); // nobody answers at that address yet: the follower retries every second
            await Task.Delay(50);
        }
        _network.Add("registry");
        var back = false;
        for (var attempt = 0; attempt < 100 && !back; attempt++)
        {
            member.Clock.Advance(TimeSpan.FromSeconds(1));
            back = await logs.WaitForAsync(IsFeedLine(9), TimeSpan.FromMilliseconds(100));
        }

        Assert.True(back, "the member never reported the revocation feed back: " + string.Join(" / ", logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)));
        Assert.Equal(new[] { 6, 9 }, logs.Entries.Where(e => IsFeedLine(6)(e) || IsFeedLine(9)(e)).Select(e => e.EventId));
    }

    private static Func<LogEntry, bool> IsFeedLine(int eventId) =>
        e => e.EventId == eventId && e.Category.EndsWith(nameof(RevocationFollower), StringComparison.Ordinal);

    [Fact]
    public async Task ListParticipants_ByRole_ShowsConnectorAddresses()
    {
        var secretariat = Registry(Secretariat, "secretariat");
        await secretariat.JoinAsync(new JoinRequest { Participant = Member(Recycler) });
        var venous = await Registry("1010001000001", "arterial").ListParticipantsAsync(new ListParticipantsRequest { Role = "venous" });
        Assert.Equal("http://recycler.test", Assert.Single(venous.Participants).ConnectorAddress);
    }

    private static Participant Member(string id) => new()
    {
        ParticipantId = id, Name = "Kanto Recycling K.K.", Kind = "company", Industry = "waste management",
        Roles = { "venous" }, ConnectorAddress = "http://recycler.test",
    };

    private async Task WaitForFollowerAsync(int count = 1)
    {
        var broadcaster = _registry.Services.GetRequiredService<RevocationBroadcaster>();
        for (var i = 0; i < 500 && broadcaster.FollowerCount < count; i++)
        {
            await Task.Delay(10);
        }
        Assert.True(broadcaster.FollowerCount >= count, "the member connector never followed the revocation feed");
    }

    private static async Task WaitForRevocationsAsync(ConnectorHost host, long sequence)
    {
        var revocations = host.Services.GetRequiredService<RevocationList>();
        for (var i = 0; i < 500 && revocations.LastSequence < sequence; i++)
        {
            await Task.Delay(10);
        }
        Assert.True(revocations.LastSequence >= sequence, "the member connector never caught up with the revocation feed");
    }

    public void Dispose() => _network.Dispose();
}
