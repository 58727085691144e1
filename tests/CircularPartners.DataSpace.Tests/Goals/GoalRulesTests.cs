using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Goals;

/// <summary>Who may do what with goals, validation naming the field, and the import's refused rows.</summary>
public sealed class GoalRulesTests : IAsyncLifetime, IDisposable
{
    private const string Secretariat = "9000001000009";
    private const string MemberA = "7100000000001";
    private const string MemberB = "7100000000002";
    private readonly ConnectorHost _host = new();

    private MembershipService.MembershipServiceClient Client(string participant, string role = "arterial") =>
        new(_host.Invoker(_host.CredentialFor(participant, role)));

    public async Task InitializeAsync()
    {
        var imported = await Client(Secretariat, "secretariat").ImportMembersAsync(new ImportMembersRequest
        {
            Csv = "participant_id,name,industry,kind,roles,joined_on\n"
                + $"{MemberA},東海化学株式会社,化学工業,company,arterial,2025-04-01\n"
                + $"{MemberB},関東リサイクル株式会社,waste-recycling-consulting,company,venous,2025-05-01\n",
        });
        Assert.Equal(2, imported.Created);
    }

    private static Goal Recycling(string title = "リサイクル率の向上") => new()
    {
        Title = title, Category = "recycling-rate", Kind = "quantitative", Unit = "%",
        BaselineYear = 2023, BaselineValue = 40, TargetYear = 2030, TargetValue = 80,
    };

    [Fact]
    public async Task UpdateGoal_AnotherMembersGoal_PermissionDeniedNamingTheRule()
    {
        var goal = await Client(MemberA).CreateGoalAsync(new CreateGoalRequest { Goal = Recycling() });
        var b = Client(MemberB);
        var change = goal.Clone();
        change.Title = "乗っ取り";

        var update = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => b.UpdateGoalAsync(new UpdateGoalRequest { Goal = change }).ResponseAsync);
        var report = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => b.AddAchievementReportAsync(new AddAchievementReportRequest
        {
            GoalId = goal.GoalId, Report = new AchievementReport { Period = "2025", Value = 90 },
        }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => b.DeleteGoalAsync(new DeleteGoalRequest { GoalId = goal.GoalId }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => b.GetGoalAsync(new GetGoalRequest { GoalId = goal.GoalId }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => b.ListGoalsAsync(new ListGoalsRequest { ParticipantId = MemberA }).ResponseAsync);

        Assert.All(new[] { update, report }, ex => Assert.Equal("goals.own-only", ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]));
        Assert.Equal("リサイクル率の向上", (await Client(Secretariat, "secretariat").GetGoalAsync(new GetGoalRequest { GoalId = goal.GoalId })).Title);
        Assert.Empty((await b.ListGoalsAsync(new ListGoalsRequest())).Goals);
    }

    [Fact]
    public async Task CreateGoal_ForAnotherMember_DeniedUnlessSecretariat()
    {
        var forB = Recycling();
        forB.ParticipantId = MemberB;

        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Client(MemberA).CreateGoalAsync(new CreateGoalRequest { Goal = forB }).ResponseAsync);
        var created = await Client(Secretariat, "secretariat").CreateGoalAsync(new CreateGoalRequest { Goal = forB });

        Assert.Equal("goals.own-only", ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
        Assert.Equal(MemberB, created.ParticipantId);
        Assert.Single((await Client(MemberB).ListGoalsAsync(new ListGoalsRequest())).Goals);
    }

    [Fact]
    public async Task CreateGoal_InvalidFields_EachNamedInTheFieldViolations()
    {
        var goal = Recycling();
        goal.TargetYear = 2020;
        goal.Unit = "";
        goal.ClearTargetValue();
        goal.Category = "happiness";
        goal.Indicators.Add("gdp");

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Client(MemberA).CreateGoalAsync(new CreateGoalRequest { Goal = goal }).ResponseAsync);

        Assert.Equal(["category", "indicators", "target_value", "target_year", "unit"], RpcAssert.Violations(ex).Select(v => v.Field).Order());
    }

    [Fact]
    public async Task CreateGoal_OverRest_BadTargetYearIs400NamingTheField()
    {
        using var http = _host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.CredentialFor(MemberA));
        const string body = """{"title":"埋立量の削減","category":"landfill","kind":"quantitative","unit":"t","baselineYear":2022,"baselineValue":1200,"targetYear":1800,"targetValue":600}""";

        using var bad = await http.PostAsync(new Uri("/v1/goals", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        using var good = await http.PostAsync(new Uri("/v1/goals", UriKind.Relative), new StringContent(body.Replace("1800", "2030", StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("target_year", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        using var created = JsonDocument.Parse(await good.Content.ReadAsStringAsync());
        Assert.Equal(["final-disposal-amount"], created.RootElement.GetProperty("indicators").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task ClassifyGoal_UnderTwoIndicators_MemberUpdateKeepsTheClassification()
    {
        var a = Client(MemberA);
        var goal = await a.CreateGoalAsync(new CreateGoalRequest { Goal = Recycling() });
        var denied = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => a.ClassifyGoalAsync(new ClassifyGoalRequest { GoalId = goal.GoalId, Indicators = { "other" } }).ResponseAsync);

        var classified = await Client(Secretariat, "secretariat").ClassifyGoalAsync(new ClassifyGoalRequest
        {
            GoalId = goal.GoalId, Indicators = { "outlet-circular-use-rate", "final-disposal-amount" },
        });
        var change = classified.Clone();
        change.Title = "リサイクル率 85%";
        change.Indicators.Clear();
        change.Indicators.Add("other");
        var updated = await a.UpdateGoalAsync(new UpdateGoalRequest { Goal = change });

        Assert.Equal("membership.secretariat-only", denied.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
        Assert.True(updated.ClassifiedBySecretariat);
        Assert.Equal(["outlet-circular-use-rate", "final-disposal-amount"], updated.Indicators);
        Assert.Equal("リサイクル率 85%", updated.Title);
    }

    [Fact]
    public async Task AchievementReports_ReductionGoal_ProgressFromLatestPeriodClampedAndCorrectable()
    {
        var a = Client(MemberA);
        var goal = await a.CreateGoalAsync(new CreateGoalRequest { Goal = new Goal
        {
            Title = "廃棄物量の削減", Category = "waste", Kind = "quantitative", Unit = "t",
            BaselineYear = 2022, BaselineValue = 1000, TargetYear = 2030, TargetValue = 600,
        } });

        await a.AddAchievementReportAsync(new AddAchievementReportRequest { GoalId = goal.GoalId, Report = new AchievementReport { Period = "2026-H1", Value = 800 } });
        await a.AddAchievementReportAsync(new AddAchievementReportRequest { GoalId = goal.GoalId, Report = new AchievementReport { Period = "2025", Value = 1100 } });
        var halfway = await a.ListAchievementReportsAsync(new ListAchievementReportsRequest { GoalId = goal.GoalId });
        await a.AddAchievementReportAsync(new AddAchievementReportRequest { GoalId = goal.GoalId, Report = new AchievementReport { Period = "2026-H1", Value = 500, Comment = "訂正" } });
        var beyond = await a.ListAchievementReportsAsync(new ListAchievementReportsRequest { GoalId = goal.GoalId });
        var bad = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => a.AddAchievementReportAsync(new AddAchievementReportRequest
        {
            GoalId = goal.GoalId, Report = new AchievementReport { Period = "令和7年度", Value = 1 },
        }).ResponseAsync);

        Assert.Equal((0.5, 0.5, "2026-H1"), (halfway.Progress.Progress, halfway.Progress.RawProgress, halfway.Progress.LatestPeriod));
        Assert.Equal(["2025", "2026-H1"], beyond.Reports.Select(r => r.Period));
        Assert.Equal((1.0, 1.25, 2), (beyond.Progress.Progress, beyond.Progress.RawProgress, beyond.Progress.ReportCount));
        Assert.Equal("period", Assert.Single(RpcAssert.Violations(bad)).Field);
    }

    [Fact]
    public async Task ImportMembers_BadRows_ReportedWithLineFieldAndReason()
    {
        const string csv = "participant_id,name,industry,kind,roles,joined_on\n"
            + "7200000000001,良い会員,鉄鋼業,company,arterial,2025-01-10\n"
            + "7200000000002,悪い業種,宇宙産業,company,arterial,2025-01-10\n"
            + "7200000000003,\"改行\n入り, 名称\",建設業,company,動脈,2025/02/03\n"
            + "7200000000004,日付なし,建設業,company,venous,昨日\n"
            + "7200000000001,重複,鉄鋼業,company,arterial,2025-01-10\n"
            + ",名無し,建設業,club,wizard,2025-01-10\n";

        var report = await Client(Secretariat, "secretariat").ImportMembersAsync(new ImportMembersRequest { Csv = csv });

        Assert.Equal((6, 2, 4), (report.Rows, report.Created, report.Refused));
        Assert.Equal(
            // The quoted name with a line break takes lines 4 and 5: lines are the file's, not row numbers.
            ["3 industry", "6 joined_on", "7 participant_id", "8 kind", "8 participant_id", "8 roles"],
            report.Problems.Select(p => $"{p.Line} {p.Field}").Order());
        Assert.Contains("宇宙産業", report.Problems.Single(p => p.Line == 3).Reason, StringComparison.Ordinal);
        var member = await Client(Secretariat, "secretariat").GetParticipantAsync(new GetParticipantRequest { ParticipantId = "7200000000003" });
        Assert.Equal(("改行\n入り, 名称", "construction", "arterial"), (member.Name, member.Industry, member.Roles.Single()));
    }

    [Fact]
    public async Task ImportGoals_BadRows_ReportedAndGoodRowsKept_ReimportUnchanged()
    {
        const string csv = "goal_id,participant_id,title,indicators,category,kind,unit,baseline_year,baseline_value,target_year,target_value,scope,submitted_at\n"
            + $"G1,{MemberA},再生材利用率,,recycled-material-use-rate,quantitative,%,2022,10,2030,30,company,2025-06-01\n"
            + $"G2,{MemberA},目標年が早すぎる,,recycled-material-use-rate,quantitative,%,2022,10,2019,30,company,2025-06-01\n"
            + $"G3,9999999999999,会員でない,,waste,qualitative,,,,2030,,company,2025-06-01\n"
            + $",{MemberB},\"回収量, 拡大\",outlet-circular-use-rate;other,回収量・回収率,定量目標,t,2023,\"1,200\",2030,\"2,000\",site,2025-07-01\n";
        var secretariat = Client(Secretariat, "secretariat");

        var first = await secretariat.ImportGoalsAsync(new ImportGoalsRequest { Csv = csv });
        var again = await secretariat.ImportGoalsAsync(new ImportGoalsRequest { Csv = csv });

        Assert.Equal((4, 2, 2), (first.Rows, first.Created, first.Refused));
        Assert.Equal(["3 target_year", "4 participant_id"], first.Problems.Select(p => $"{p.Line} {p.Field}"));
        Assert.Equal((0, 0, 2, 2), (again.Created, again.Updated, again.Unchanged, again.Refused));
        var collected = Assert.Single((await secretariat.ListGoalsAsync(new ListGoalsRequest { ParticipantId = MemberB })).Goals);
        Assert.Equal(("回収量, 拡大", 1200.0, 2000.0, "site"), (collected.Title, collected.BaselineValue, collected.TargetValue, collected.Scope));
        Assert.Equal(["outlet-circular-use-rate", "other"], collected.Indicators);
    }

    [Fact]
    public async Task ImportMembers_ByAMember_DeniedNamingTheRule()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Client(MemberA).ImportMembersAsync(new ImportMembersRequest { Csv = "participant_id\n" }).ResponseAsync);

        Assert.Equal("membership.secretariat-only", ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
    }

    [Fact]
    public async Task GetGoalVocabulary_ThirtyTwoIndustriesWithJapaneseAndEnglishNames()
    {
        var vocabulary = await Client(MemberA).GetGoalVocabularyAsync(new GetGoalVocabularyRequest());

        Assert.Equal(GoalDataSet.Industries.Select(i => i.Name), vocabulary.Industries.Select(i => i.NameJa));
        Assert.All(vocabulary.Industries, i => Assert.False(string.IsNullOrWhiteSpace(i.NameEn)));
        Assert.Equal(GoalDataSet.IndicatorOrder, vocabulary.Indicators.Select(i => i.Code));
        Assert.Equal(GoalDataSet.CategoryIndicator.OrderBy(c => c.Key), vocabulary.Categories.ToDictionary(c => c.Code, c => c.Indicator).OrderBy(c => c.Key));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();
}
