using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Membership;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Goals;

/// <summary>
/// Members' goals and achievement reports on the secretariat's connector. A member reads and
/// edits its own goals only; the secretariat reads all, edits any and classifies goals into
/// indicators.
/// </summary>
public sealed class GoalBook(IGoalStore store, IMembershipStore members, TimeProvider time) : IDisposable
{
    public const string OwnOnlyRule = "goals.own-only";
    private const int MaxAttempts = 3;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<Goal> CreateAsync(Caller caller, Goal draft, CancellationToken cancellationToken)
    {
        var owner = draft.ParticipantId.Trim().Length > 0 ? draft.ParticipantId.Trim() : caller.ParticipantId;
        RequireOwnerOrSecretariat(caller, owner);
        var now = time.GetUtcNow();
        var candidate = draft with
        {
            GoalId = "g-" + Guid.NewGuid().ToString("N")[..16],
            ParticipantId = owner,
            SubmittedAt = now,
            UpdatedAt = now,
            ClassifiedBySecretariat = IsSecretariat(caller) && draft.Indicators.Count > 0,
            Deleted = false,
        };
        var goal = Validated(candidate, members.Participants.Any(p => p.ParticipantId == owner && p.Active));
        await store.SaveGoalsAsync([goal], cancellationToken);
        return goal;
    }

    public async Task<Goal> UpdateAsync(Caller caller, Goal draft, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RetriedAsync(async () =>
            {
                var current = Readable(caller, draft.GoalId);
                var bySecretariat = IsSecretariat(caller);
                var changed = draft with
                {
                    GoalId = current.GoalId,
                    ParticipantId = current.ParticipantId,
                    SubmittedAt = current.SubmittedAt,
                    UpdatedAt = time.GetUtcNow(),
                    // The secretariat's classification stands until the secretariat changes it.
                    Indicators = current.ClassifiedBySecretariat && !bySecretariat ? current.Indicators : draft.Indicators,
                    ClassifiedBySecretariat = current.ClassifiedBySecretariat || (bySecretariat && draft.Indicators.Count > 0),
                    Deleted = false,
                };
                var goal = Validated(changed, ownerIsMember: true);
                await store.SaveGoalsAsync([goal], cancellationToken);
                return goal;
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<Goal> DeleteAsync(Caller caller, string goalId, CancellationToken cancellationToken)
    {
        return await RetriedAsync(async () =>
        {
            var deleted = Readable(caller, goalId) with { Deleted = true, UpdatedAt = time.GetUtcNow() };
            await store.SaveGoalsAsync([deleted], cancellationToken);
            return deleted;
        });
    }

    public async Task<Goal> ClassifyAsync(Caller caller, string goalId, IReadOnlyList<string> indicators, CancellationToken cancellationToken)
    {
        MembershipRegistry.RequireSecretariat(caller);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RetriedAsync(async () =>
            {
                var current = Readable(caller, goalId);
                if (indicators.Count == 0)
                {
                    throw Invalid([new Violation("indicators", "required", "Classify the goal under at least one indicator.")]);
                }
                var goal = Validated(current with { Indicators = indicators, ClassifiedBySecretariat = true, UpdatedAt = time.GetUtcNow() }, ownerIsMember: true);
                await store.SaveGoalsAsync([goal], cancellationToken);
                return goal;
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    public Goal Get(Caller caller, string goalId) => Readable(caller, goalId);

    public IReadOnlyList<Goal> List(Caller caller, GoalFilter filter)
    {
        var owner = filter.ParticipantId.Trim();
        if (!IsSecretariat(caller))
        {
            if (owner.Length > 0 && owner != caller.ParticipantId)
            {
                throw new PermissionDeniedException(OwnOnlyRule, "A member sees only its own goals; only the secretariat sees other members' goals.");
            }
            owner = caller.ParticipantId;
        }
        var industries = filter.Industry.Length == 0 ? null
            : members.Participants.Where(p => p.Industry == filter.Industry).Select(p => p.ParticipantId).ToHashSet(StringComparer.Ordinal);
        return [.. store.Goals
            .Where(g => owner.Length == 0 || g.ParticipantId == owner)
            .Where(g => filter.Indicator.Length == 0 || g.Indicators.Contains(filter.Indicator))
            .Where(g => filter.Kind.Length == 0 || g.Kind == filter.Kind)
            .Where(g => industries is null || industries.Contains(g.ParticipantId))
            .OrderBy(g => g.ParticipantId, StringComparer.Ordinal).ThenBy(g => g.SubmittedAt).ThenBy(g => g.GoalId, StringComparer.Ordinal)];
    }

    public async Task<AchievementReport> AddReportAsync(Caller caller, string goalId, AchievementReport draft, CancellationToken cancellationToken)
    {
        var goal = Readable(caller, goalId);
        var violations = new List<Violation>();
        var period = draft.Period.Trim();
        if (ReportPeriod.EndOf(period) is null)
        {
            violations.Add(new Violation("period", period.Length == 0 ? "required" : "bad_format", "The period is YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM (e.g. 2025, 2025-H1, 2025-Q3, 2025-09)."));
        }
        if (!double.IsFinite(draft.Value))
        {
            violations.Add(new Violation("value", "not_a_number", "The value must be a finite number."));
        }
        if (draft.Comment.Length > 2000)
        {
            violations.Add(new Violation("comment", "too_long", "The comment has at most 2000 characters."));
        }
        if (violations.Count > 0)
        {
            throw Invalid(violations);
        }
        // One report per period: reporting a period again corrects it.
        var report = draft with { ReportId = goal.GoalId + "/" + period, GoalId = goal.GoalId, Period = period, ReportedAt = time.GetUtcNow(), ReportedBy = caller.ParticipantId };
        // Reporting a period corrects it, so when another replica's report came first this one is saved over it.
        return await RetriedAsync(async () =>
        {
            await store.SaveReportAsync(report, cancellationToken);
            return report;
        });
    }

    public IReadOnlyList<AchievementReport> Reports(Caller caller, string goalId) =>
        [.. store.ReportsOf(Readable(caller, goalId).GoalId).OrderBy(r => ReportPeriod.EndOf(r.Period)).ThenBy(r => r.ReportedAt)];

    public GoalProgress ProgressOf(Goal goal) =>
        ProgressCalculator.Of(goal, store.ReportsOf(goal.GoalId), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));

    public string NameOf(string participantId) => members.Participants.FirstOrDefault(p => p.ParticipantId == participantId)?.Name ?? "";

    /// <summary>
    /// Runs a save again when another replica's write to the same record came first: the store has
    /// taken the winner in, so the command is re-applied to it rather than overwriting it blindly.
    /// </summary>
    private static async Task<T> RetriedAsync<T>(Func<Task<T>> attempt)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt();
            }
            catch (ConcurrentUpdateException) when (n < MaxAttempts)
            {
            }
        }
    }

    private Goal Readable(Caller caller, string goalId)
    {
        var goal = store.Find(goalId.Trim()) is { Deleted: false } found ? found : throw new ResourceNotFoundException("goal", goalId);
        RequireOwnerOrSecretariat(caller, goal.ParticipantId);
        return goal;
    }

    private static Goal Validated(Goal candidate, bool ownerIsMember)
    {
        var (goal, violations) = GoalValidator.Check(candidate);
        if (!ownerIsMember)
        {
            violations = [.. violations, new Violation("participant_id", "not_a_member", $"'{candidate.ParticipantId}' is not an active member.")];
        }
        return violations.Count > 0 ? throw Invalid(violations) : goal;
    }

    private static PassportValidationException Invalid(IReadOnlyList<Violation> violations) =>
        new($"The goal has {violations.Count} problem(s): {string.Join(" ", violations.Select(v => $"{v.Pointer}: {v.Message}"))}", violations);

    private static bool IsSecretariat(Caller caller) => caller.HasRole("secretariat");

    private static void RequireOwnerOrSecretariat(Caller caller, string owner)
    {
        if (owner != caller.ParticipantId && !IsSecretariat(caller))
        {
            throw new PermissionDeniedException(OwnOnlyRule, "A member may read and change only its own goals; this goal belongs to another member.");
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>What a goal listing is narrowed to; empty strings mean any.</summary>
public sealed record GoalFilter(string ParticipantId, string Indicator, string Kind, string Industry);
