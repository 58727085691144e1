using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Connector;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Goals;

/// <summary>
/// The secretariat's connector as two replicas (A, B) on one Azure Blob container (Azurite): a goal
/// or an import made through one is listed, editable and counted through the other. The replicas
/// poll every 50 ms; the tests poll until the change shows, with a guard against a hang, never
/// asserting on how long it took.
/// </summary>
public sealed class GoalScaleOutTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Secretariat = "9000001000009";
    private const string MemberA = "7100000000001";
    private const string MemberB = "7100000000002";
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly ConnectorNetwork _network = new();

    private async Task<(ConnectorHost A, ConnectorHost B)> TwoReplicasWithMembersAsync()
    {
        var container = AzuriteFixture.NewContainerName();
        var a = _network.Add("secretariat-a", ScaleOutTests.AzureSettings(azurite, container));
        var b = _network.Add("secretariat-b", ScaleOutTests.AzureSettings(azurite, container));
        await AsSecretariat(a).ImportMembersAsync(new ImportMembersRequest
        {
            Csv = "participant_id,name,industry,kind,roles,joined_on\n"
                + $"{MemberA},東海化学株式会社,化学工業,company,arterial,2025-04-01\n"
                + $"{MemberB},関東リサイクル株式会社,waste-recycling-consulting,company,venous,2025-05-01\n",
        });
        return (a, b);
    }

    private static MembershipService.MembershipServiceClient AsSecretariat(ConnectorHost host) =>
        new(host.Invoker(host.CredentialFor(Secretariat, "secretariat")));

    private static MembershipService.MembershipServiceClient AsMember(ConnectorHost host, string participantId) =>
        new(host.Invoker(host.CredentialFor(participantId, "arterial")));

    private static Goal Recycling(string title) => new()
    {
        Title = title, Category = "recycling-rate", Kind = "quantitative", Unit = "%",
        BaselineYear = 2023, BaselineValue = 40, TargetYear = 2030, TargetValue = 80,
    };

    [Fact]
    public async Task CreateGoal_ThroughReplicaA_IsListedAndEditableThroughReplicaB()
    {
        var (a, b) = await TwoReplicasWithMembersAsync();
        var created = await AsMember(a, MemberA).CreateGoalAsync(new CreateGoalRequest { Goal = Recycling("リサイクル率の向上") });

        await UntilAsync(async () => (await AsMember(b, MemberA).ListGoalsAsync(new ListGoalsRequest())).Goals.Any(g => g.GoalId == created.GoalId));
        var edited = Recycling("リサイクル率 90%");
        edited.GoalId = created.GoalId;
        await AsMember(b, MemberA).UpdateGoalAsync(new UpdateGoalRequest { Goal = edited });
        await AsMember(b, MemberA).AddAchievementReportAsync(new AddAchievementReportRequest { GoalId = created.GoalId, Report = new AchievementReport { Period = "2025", Value = 55 } });

        await UntilAsync(async () => (await AsSecretariat(a).GetGoalAsync(new GetGoalRequest { GoalId = created.GoalId })).Title == "リサイクル率 90%");
        await UntilAsync(async () => (await AsSecretariat(a).ListAchievementReportsAsync(new ListAchievementReportsRequest { GoalId = created.GoalId })).Reports.Count == 1);
    }

    [Fact]
    public async Task ImportGoals_ThroughReplicaA_ShowsInReplicaBsAnalytics()
    {
        var (a, b) = await TwoReplicasWithMembersAsync();
        var imported = await AsSecretariat(a).ImportGoalsAsync(new ImportGoalsRequest
        {
            Csv = "participant_id,title,category,kind,unit,baseline_year,baseline_value,target_year,target_value,indicators\n"
                + $"{MemberA},リサイクル率の向上,recycling-rate,quantitative,%,2023,40,2030,80,outlet-circular-use-rate\n"
                + $"{MemberB},最終処分量の削減,landfill,quantitative,t,2023,1000,2030,600,final-disposal-amount\n",
        });
        Assert.Equal(2, imported.Created);

        var onA = await AsSecretariat(a).GetGoalsByIndicatorAsync(new AnalyticsRequest());
        await UntilAsync(async () => (await AsSecretariat(b).GetGoalsByIndicatorAsync(new AnalyticsRequest())).Equals(onA));
        await UntilAsync(async () => (await AsSecretariat(b).GetSubmissionRatesAsync(new AnalyticsRequest())).Equals(await AsSecretariat(a).GetSubmissionRatesAsync(new AnalyticsRequest())));
        Assert.Equal(2, onA.DistinctGoals);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (!await condition())
        {
            await Task.Delay(25, guard.Token);
        }
    }

    public void Dispose() => _network.Dispose();
}
