using System.Collections.Concurrent;
using CircularPartners.DataSpace.Domain.Goals;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Membership;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>Goals and reports in memory, for unit tests of the goal rules and the store contract.</summary>
internal sealed class InMemoryGoalStore : IGoalStore
{
    private readonly ConcurrentDictionary<string, Goal> _goals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), AchievementReport> _reports = new();

    public IReadOnlyCollection<Goal> Goals => [.. _goals.Values.Where(g => !g.Deleted)];

    public Goal? Find(string goalId) => _goals.GetValueOrDefault(goalId);

    public IReadOnlyList<AchievementReport> ReportsOf(string goalId) => [.. _reports.Values.Where(r => r.GoalId == goalId)];

    public Task SaveGoalsAsync(IReadOnlyCollection<Goal> goals, CancellationToken cancellationToken)
    {
        foreach (var goal in goals)
        {
            _goals[goal.GoalId] = goal;
        }
        return Task.CompletedTask;
    }

    public Task SaveReportAsync(AchievementReport report, CancellationToken cancellationToken)
    {
        _reports[(report.GoalId, report.Period)] = report;
        return Task.CompletedTask;
    }
}

/// <summary>Participants in memory, for unit tests of goal rules and imports.</summary>
internal sealed class InMemoryMembershipStore : IMembershipStore
{
    private readonly ConcurrentDictionary<string, Participant> _participants = new(StringComparer.Ordinal);
    private readonly List<Revocation> _revocations = [];

    public IReadOnlyCollection<Participant> Participants => [.. _participants.Values];

    public IReadOnlyList<Revocation> Revocations => [.. _revocations];

    public Task SaveParticipantAsync(Participant participant, CancellationToken cancellationToken)
    {
        _participants[participant.ParticipantId] = participant;
        return Task.CompletedTask;
    }

    public Task SaveRevocationAsync(Revocation revocation, CancellationToken cancellationToken)
    {
        _revocations.Add(revocation);
        return Task.CompletedTask;
    }
}
