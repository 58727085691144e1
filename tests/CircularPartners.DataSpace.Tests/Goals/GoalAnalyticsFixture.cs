using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Goals;

/// <summary>
/// One secretariat connector with the generated member list and goal set imported through the API
/// (CSV), and the achievement reports added by the members themselves.
/// </summary>
public sealed class GoalAnalyticsFixture : IAsyncLifetime
{
    public const string SecretariatId = "9000001000009";

    public ConnectorHost Host { get; } = new();
    internal GoalDataSet Data { get; } = new();
    public ImportReport MembersImported { get; private set; } = new();
    public ImportReport GoalsImported { get; private set; } = new();

    /// <summary>How long each step took, for the test output only (never asserted).</summary>
    public string Timings { get; private set; } = "";

    public MembershipService.MembershipServiceClient Secretariat() => new(Host.Invoker(Host.CredentialFor(SecretariatId, "secretariat")));

    public MembershipService.MembershipServiceClient Member(string participantId) => new(Host.Invoker(Host.CredentialFor(participantId, "arterial")));

    public async Task InitializeAsync()
    {
        var secretariat = Secretariat();
        await secretariat.GetGoalVocabularyAsync(new GetGoalVocabularyRequest());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        MembersImported = await secretariat.ImportMembersAsync(new ImportMembersRequest { Csv = "\uFEFF" + Data.MembersCsv() });
        var members = clock.Elapsed;
        GoalsImported = await secretariat.ImportGoalsAsync(new ImportGoalsRequest { Csv = Data.GoalsCsv() });
        var goals = clock.Elapsed - members;
        // Each member reports on its own goals, several at once as a portal would.
        foreach (var batch in Data.Reports.Chunk(50))
        {
            await Task.WhenAll(batch.Select(r => Member(Data.Goals.Single(g => g.Id == r.GoalId).Member).AddAchievementReportAsync(new AddAchievementReportRequest
            {
                GoalId = r.GoalId,
                Report = new AchievementReport { Period = r.Period, Value = r.Value, Comment = "社内集計" },
            }).ResponseAsync));
        }
        Timings = FormattableString.Invariant($"{Data.Members.Count} members imported in {members.TotalMilliseconds:0} ms, {Data.Goals.Count} goals in {goals.TotalMilliseconds:0} ms, {Data.Reports.Count} reports in {(clock.Elapsed - members - goals).TotalMilliseconds:0} ms");
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }
}
