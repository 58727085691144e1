using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Goals;

/// <summary>
/// There is one membership registry, the secretariat's: a member's connector passes goal, report,
/// import, analytics and vocabulary calls on to it under the caller's credential and keeps no goals.
/// </summary>
public sealed class GoalsOnMembersConnectorTests : IDisposable
{
    private const string Secretariat = "9000001000009";
    private const string Maker = "1010001000001";
    private const string Other = "5010001000005";
    private readonly ConnectorNetwork _network = new();
    private readonly ConnectorHost _secretariat;
    private readonly ConnectorHost _maker;

    public GoalsOnMembersConnectorTests()
    {
        _secretariat = _network.Add("secretariat", operatorId: Secretariat);
        _maker = _network.Add("maker", new() { ["Identity:RegistryAddress"] = ConnectorNetwork.AddressOf("secretariat") }, operatorId: Maker);
        Client(_secretariat, Secretariat, "secretariat").ImportMembers(new ImportMembersRequest
        {
            Csv = "participant_id,name,industry,kind,roles,joined_on\n"
                + $"{Maker},東海化学株式会社,化学工業,company,arterial,2025-04-01\n"
                + $"{Other},関東リサイクル株式会社,waste-recycling-consulting,company,venous,2025-05-01\n",
        });
    }

    private static MembershipService.MembershipServiceClient Client(ConnectorHost host, string participantId, params string[] roles) =>
        new(host.Invoker(host.CredentialFor(participantId, roles)));

    private static Goal Recycling(string title = "リサイクル率の向上") => new()
    {
        Title = title, Category = "recycling-rate", Kind = "quantitative", Unit = "%",
        BaselineYear = 2023, BaselineValue = 40, TargetYear = 2030, TargetValue = 80,
    };

    [Fact]
    public async Task CreateGoal_ThroughAMembersConnector_IsListedByTheSecretariat()
    {
        var created = await Client(_maker, Maker, "arterial").CreateGoalAsync(new CreateGoalRequest { Goal = Recycling() });
        await Client(_maker, Maker, "arterial").AddAchievementReportAsync(new AddAchievementReportRequest { GoalId = created.GoalId, Report = new AchievementReport { Period = "2025", Value = 55 } });

        var listed = await Client(_secretariat, Secretariat, "secretariat").ListGoalsAsync(new ListGoalsRequest { ParticipantId = Maker });

        Assert.Equal(created.GoalId, Assert.Single(listed.Goals).GoalId);
        Assert.Single((await Client(_secretariat, Secretariat, "secretariat").ListAchievementReportsAsync(new ListAchievementReportsRequest { GoalId = created.GoalId })).Reports);
        Assert.False(Directory.Exists(Path.Combine(_maker.DataDirectory, "goals")), "a member's connector keeps no goals of its own");
    }

    [Fact]
    public async Task Analytics_ThroughAMembersConnector_EqualTheSecretariats()
    {
        await Client(_secretariat, Secretariat, "secretariat").ImportGoalsAsync(new ImportGoalsRequest
        {
            Csv = "participant_id,title,category,kind,unit,baseline_year,baseline_value,target_year,target_value,indicators\n"
                + $"{Maker},リサイクル率の向上,recycling-rate,quantitative,%,2023,40,2030,80,outlet-circular-use-rate\n",
        });
        await Client(_maker, Maker, "arterial").CreateGoalAsync(new CreateGoalRequest { Goal = Recycling("再生材の利用") });
        var viaMaker = Client(_maker, Secretariat, "secretariat");
        var atSource = Client(_secretariat, Secretariat, "secretariat");

        Assert.Equal(await atSource.GetGoalsByIndicatorAsync(new AnalyticsRequest()), await viaMaker.GetGoalsByIndicatorAsync(new AnalyticsRequest()));
        Assert.Equal(await atSource.GetSubmissionRatesAsync(new AnalyticsRequest()), await viaMaker.GetSubmissionRatesAsync(new AnalyticsRequest()));
        Assert.Equal(await atSource.GetProgressAsync(new AnalyticsRequest()), await viaMaker.GetProgressAsync(new AnalyticsRequest()));
        Assert.Equal(await atSource.GetGoalVocabularyAsync(new GetGoalVocabularyRequest()), await viaMaker.GetGoalVocabularyAsync(new GetGoalVocabularyRequest()));
        var exported = await viaMaker.ExportAnalyticsTableAsync(new ExportAnalyticsTableRequest { Table = "goals-by-indicator" });
        Assert.Equal((await atSource.ExportAnalyticsTableAsync(new ExportAnalyticsTableRequest { Table = "goals-by-indicator" })).Data, exported.Data);
    }

    [Fact]
    public async Task GetGoal_AnotherMembersGoalThroughItsConnector_IsRefusedWithTheSecretariatsRule()
    {
        var others = await Client(_secretariat, Other, "venous").CreateGoalAsync(new CreateGoalRequest { Goal = Recycling() });

        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Client(_maker, Maker, "arterial").GetGoalAsync(new GetGoalRequest { GoalId = others.GoalId }).ResponseAsync);

        Assert.Equal("goals.own-only", ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
    }

    [Fact]
    public async Task Rest_CreateGoalOnAMembersConnector_ReachesTheSecretariat()
    {
        using var http = _maker.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _maker.CredentialFor(Maker, "arterial"));

        using var created = await http.PostAsync(new Uri("/v1/goals", UriKind.Relative), new StringContent(
            "{\"title\":\"再生材の利用\",\"category\":\"recycling-rate\",\"kind\":\"quantitative\",\"unit\":\"%\",\"baselineYear\":2023,\"baselineValue\":10,\"targetYear\":2030,\"targetValue\":30}",
            Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var listed = await Client(_secretariat, Secretariat, "secretariat").ListGoalsAsync(new ListGoalsRequest { ParticipantId = Maker });
        Assert.Equal(json.RootElement.GetProperty("goalId").GetString(), Assert.Single(listed.Goals).GoalId);
    }

    [Fact]
    public async Task ListGoals_SecretariatDown_IsUnavailableNamingTheRegistry()
    {
        _network.Remove("secretariat");

        var ex = await RpcAssert.FailsWith(StatusCode.Unavailable, () => Client(_maker, Maker, "arterial").ListGoalsAsync(new ListGoalsRequest()).ResponseAsync);

        Assert.Contains(ConnectorNetwork.AddressOf("secretariat"), ex.Status.Detail);
    }

    public void Dispose() => _network.Dispose();
}
