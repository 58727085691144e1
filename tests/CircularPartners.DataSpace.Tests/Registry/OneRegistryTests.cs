using System.Security.Cryptography;
using System.Text;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;

namespace CircularPartners.DataSpace.Tests.Registry;

/// <summary>
/// Issue 16 §3: there is one use-case registry, the secretariat's. A member's connector passes
/// registry calls on to it under the caller's credential, keeps none of its own, and reports
/// coverage it measured itself (counts only).
/// </summary>
public sealed class OneRegistryTests : IDisposable
{
    private const string Secretariat = "9000001000009";
    private const string Maker = "1010001000001";
    private const string Outsider = "3010001000003";
    private const string CollectedEvent = "{\"type\":\"collected\",\"occurredAt\":\"2026-11-28T10:00:00+09:00\"}";
    private readonly ConnectorNetwork _network = new();
    private readonly ECDsa _makerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ConnectorHost _secretariat;
    private readonly ConnectorHost _maker;

    public OneRegistryTests()
    {
        _secretariat = _network.Add("secretariat", operatorId: Secretariat);
        _maker = _network.Add("maker", new() { ["Identity:RegistryAddress"] = ConnectorNetwork.AddressOf("secretariat") }, operatorId: Maker);
        var membership = new MembershipService.MembershipServiceClient(_secretariat.Invoker(_secretariat.CredentialFor(Secretariat, "secretariat")));
        membership.Join(new JoinRequest
        {
            Participant = new Participant
            {
                ParticipantId = Maker, Name = "Maker", Kind = "company", Roles = { "arterial" },
                ConnectorAddress = ConnectorNetwork.AddressOf("maker"), SigningKeys = { _makerKey.ExportSubjectPublicKeyInfoPem() },
            },
        });
    }

    private RegistryService.RegistryServiceClient At(ConnectorHost host, string participantId, params string[] roles) =>
        new(host.Invoker(host.CredentialFor(participantId, roles)));

    [Fact]
    public async Task Propose_OnAMembersConnector_ReachesTheSecretariatsRegistry()
    {
        var proposal = await At(_maker, Maker, "arterial").ProposeAsync(new ProposeRequest { Theme = "Solar panel reuse", Outline = "Panels to reuse." });

        var atSecretariat = await At(_secretariat, Secretariat, "secretariat").ListProposalsAsync(new ListProposalsRequest());
        Assert.Contains(atSecretariat.Proposals, p => p.Id == proposal.Id && p.Proposer == Maker);
        Assert.False(Directory.Exists(Path.Combine(_maker.DataDirectory, "registry")), "a member's connector keeps no registry of its own");
    }

    [Fact]
    public async Task ListUseCases_OnAMembersConnector_AnswersWhatTheSecretariatHolds()
    {
        var secretariat = At(_secretariat, Secretariat, "secretariat");
        await secretariat.PutUseCaseAsync(new PutUseCaseRequest
        {
            UseCase = new UseCase
            {
                Id = "pv-reuse", NameJa = "太陽光パネルのリユース", NameEn = "PV panel reuse", Domain = "energy", LeadOrganisation = "Secretariat",
                Status = UseCaseStatus.Concept, CategoryIds = { "electrical-and-electronic-equipment" }, Stages = { LifecycleStage.SecondaryUse },
            },
        });

        var viaMaker = await At(_maker, Maker, "arterial").ListUseCasesAsync(new ListUseCasesRequest());
        var atSource = await secretariat.ListUseCasesAsync(new ListUseCasesRequest());

        Assert.Equal(atSource.UseCases.Select(u => u.Id), viaMaker.UseCases.Select(u => u.Id));
        Assert.Contains(viaMaker.UseCases, u => u.Id == "pv-reuse");
    }

    [Fact]
    public async Task PutUseCase_ByAMemberThroughItsConnector_IsRefusedWithTheSecretariatsRule()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => At(_maker, Maker, "arterial")
            .PutUseCaseAsync(new PutUseCaseRequest { UseCase = new UseCase { Id = "mine" } }).ResponseAsync);

        Assert.Equal("registry.secretariat-only", ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
    }

    [Fact]
    public async Task ListUseCases_SecretariatDown_IsUnavailableNamingTheRegistry()
    {
        _network.Remove("secretariat");

        var ex = await RpcAssert.FailsWith(StatusCode.Unavailable, () => At(_maker, Maker, "arterial").ListUseCasesAsync(new ListUseCasesRequest()).ResponseAsync);

        Assert.Contains(ConnectorNetwork.AddressOf("secretariat"), ex.Status.Detail);
    }

    [Fact]
    public async Task MeasureCoverage_MembersConnector_SecretariatsMapShowsItsOwnCountsAndWhen()
    {
        var battery = Passports.Request("battery");
        var textile = Passports.Request("textile", edit: body => body.Remove("lifecycleStage"));
        var publisher = _maker.PassportClient(Maker, "arterial");
        publisher.Publish(battery);
        publisher.Publish(textile);
        publisher.Publish(Passports.Request("textile"));
        await publisher.AppendEventAsync(new AppendEventRequest
        {
            PassportId = battery.PassportId, EventJson = CollectedEvent,
            Signature = Base64UrlEncoder.Encode(_makerKey.SignData(Encoding.UTF8.GetBytes(CollectedEvent), HashAlgorithmName.SHA256)),
        });

        var sent = await At(_maker, Maker, "arterial").MeasureCoverageAsync(new MeasureCoverageRequest());

        Assert.Equal(ConnectorNetwork.AddressOf("secretariat"), sent.Registry);
        Assert.Equal(
            ["batteries/ev-batteries collection 1 1", "textiles/apparel manufacturing 1 0", "textiles/apparel use 1 0"],
            sent.Counts.Select(c => $"{c.Category} {Stage(c.Stage)} {c.Passports} {c.LifecycleEvents}"));
        Assert.DoesNotContain(battery.PassportId, sent.ToString(), StringComparison.Ordinal);
        var map = await At(_secretariat, Outsider, "venous").GetCoverageMapAsync(new GetCoverageMapRequest());
        var reporter = Assert.Single(map.Reporters, r => r.ParticipantId == Maker);
        Assert.Equal((Maker, 3L, 1L), (reporter.ParticipantId, reporter.Passports, reporter.LifecycleEvents));
        Assert.Equal(sent.Report.ReportedAt, reporter.ReportedAt);
        Assert.Contains(map.Cells, c => c.Category == "batteries" && c.Stage == LifecycleStage.Collection && c.Passports == 1 && c.LifecycleEvents == 1);
    }

    [Fact]
    public async Task MeasureCoverage_NotTheOperator_IsRefusedNamingTheRule()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () =>
            At(_maker, Outsider, "venous").MeasureCoverageAsync(new MeasureCoverageRequest()).ResponseAsync);

        Assert.Equal("coverage.operator", ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
    }

    [Fact]
    public async Task ScheduledReport_SecretariatsOwnConnector_ShowsOnTheMapUnasked()
    {
        using var host = new ConnectorHost(settings: new() { ["Registry:ReportIntervalSeconds"] = "60" });
        host.PassportClient().Publish(Passports.Request("cmp"));
        var registry = new RegistryService.RegistryServiceClient(host.Invoker(host.CredentialFor(ConnectorHost.DefaultOperator, "arterial")));
        Assert.Empty((await registry.GetCoverageMapAsync(new GetCoverageMapRequest())).Reporters);

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        CoverageMap map;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            await Task.Delay(50);
            map = await registry.GetCoverageMapAsync(new GetCoverageMapRequest());
        }
        while (map.Reporters.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(30));

        var reporter = Assert.Single(map.Reporters);
        Assert.Equal((ConnectorHost.DefaultOperator, 1L), (reporter.ParticipantId, reporter.Passports));
        Assert.Equal(1, map.ReportingMembers);
    }

    private static string Stage(LifecycleStage stage) => stage switch
    {
        LifecycleStage.Collection => "collection",
        LifecycleStage.Manufacturing => "manufacturing",
        LifecycleStage.Use => "use",
        _ => stage.ToString(),
    };

    public void Dispose()
    {
        _network.Dispose();
        _makerKey.Dispose();
    }
}
