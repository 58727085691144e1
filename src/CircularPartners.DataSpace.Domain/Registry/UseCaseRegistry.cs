using System.Text;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;

namespace CircularPartners.DataSpace.Domain.Registry;

/// <summary>
/// The secretariat's use-case registry. Reads see an immutable snapshot; each change builds the
/// next snapshot, saves it durably, and only then publishes it, one writer at a time, with the
/// change recorded (who, when, what) in the same snapshot. Replicas sharing the store save only
/// over the version they read: the one that comes second reloads and applies its command again,
/// so neither change is lost (two proposals made at once get two ids).
/// </summary>
public sealed class UseCaseRegistry(IRegistryStore store, TimeProvider clock) : IDisposable
{
    public const string SeedActor = "seed";

    /// <summary>Saves lost to another replica before a change gives up (ABORTED): only under a storm of writes.</summary>
    private const int MaxAttempts = 10;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private volatile Held _current = new(RegistrySnapshot.Empty, null);

    private sealed record Held(RegistrySnapshot Snapshot, string? Version);

    public RegistrySnapshot Snapshot => _current.Snapshot;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            _current = await ReadAsync(cancellationToken);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Takes in a change saved through another replica, if the stored version moved; one cheap look otherwise.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (await store.VersionAsync(cancellationToken) == _current.Version)
        {
            return;
        }
        await LoadAsync(cancellationToken);
    }

    private async Task<Held> ReadAsync(CancellationToken cancellationToken) =>
        await store.LoadAsync(cancellationToken) is { } stored ? new Held(stored.Snapshot, stored.Version) : new Held(RegistrySnapshot.Empty, null);

    /// <summary>Loads the shipped seed data, only into an empty registry; returns whether it did.</summary>
    public Task<bool> SeedIfEmptyAsync(RegistrySeed seed, CancellationToken cancellationToken) =>
        WriteAsync<bool>(SeedActor, snapshot =>
        {
            if (!snapshot.IsEmpty)
            {
                return null;
            }
            var categories = seed.Categories.ToList();
            var ids = categories.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var now = clock.GetUtcNow();
            var useCases = seed.UseCases.Select(u =>
            {
                RegistryRules.ValidateUseCase(u, ids, "/useCases");
                return u with { Seed = true, UpdatedAt = now, UpdatedBy = SeedActor };
            }).OrderBy(u => u.Id, StringComparer.Ordinal).ToList();
            var next = snapshot with { Categories = Sorted(categories), UseCases = useCases };
            return (next, ("registry.seed", "registry", $"Loaded seed data: {categories.Count} categories, {useCases.Count} use cases."), true);
        }, cancellationToken);

    public UseCase GetUseCase(string id) =>
        Snapshot.UseCases.FirstOrDefault(u => u.Id == id) ?? throw new RegistryItemNotFoundException("use_case", id);

    public IReadOnlyList<RegistryChange> Changes(string? subject, int limit) =>
        Snapshot.Changes.Where(c => string.IsNullOrEmpty(subject) || c.Subject == subject).Reverse().Take(limit).ToList();

    public IReadOnlyList<Proposal> Proposals(ProposalStatus? status) =>
        Snapshot.Proposals.Where(p => status is null || p.Status == status).ToList();

    public Task<UseCase> PutUseCaseAsync(Caller caller, UseCase useCase, CancellationToken cancellationToken)
    {
        RegistryRules.RequireSecretariat(caller, "put use case");
        return WriteAsync<UseCase>(caller.ParticipantId, snapshot =>
        {
            RegistryRules.ValidateUseCase(useCase, CategoryIds(snapshot));
            var existed = snapshot.UseCases.Any(u => u.Id == useCase.Id);
            // A secretariat edit confirms the entry: it is no longer unconfirmed seed data.
            var stored = useCase with { Seed = false, UpdatedAt = clock.GetUtcNow(), UpdatedBy = caller.ParticipantId };
            var next = snapshot with { UseCases = Replace(snapshot.UseCases, stored) };
            return (next, ("use_case.put", useCase.Id, (existed ? "Updated" : "Created") + " use case " + Describe(stored)), stored);
        }, cancellationToken);
    }

    public Task<bool> DeleteUseCaseAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        RegistryRules.RequireSecretariat(caller, "delete use case");
        return WriteAsync<bool>(caller.ParticipantId, snapshot =>
        {
            var existing = snapshot.UseCases.FirstOrDefault(u => u.Id == id) ?? throw new RegistryItemNotFoundException("use_case", id);
            var next = snapshot with { UseCases = snapshot.UseCases.Where(u => u != existing).ToList() };
            return (next, ("use_case.delete", id, $"Deleted use case '{id}'."), true);
        }, cancellationToken);
    }

    public Task<Category> PutCategoryAsync(Caller caller, Category category, CancellationToken cancellationToken)
    {
        RegistryRules.RequireSecretariat(caller, "put category");
        return WriteAsync<Category>(caller.ParticipantId, snapshot =>
        {
            RegistryRules.ValidateCategory(category, CategoryIds(snapshot));
            var categories = snapshot.Categories.Where(c => c.Id != category.Id).Append(category).ToList();
            var next = snapshot with { Categories = Sorted(categories) };
            return (next, ("category.put", category.Id, $"Category '{category.Id}' ({category.NameEn})."), category);
        }, cancellationToken);
    }

    public Task<Proposal> ProposeAsync(Caller caller, ProposalDraft draft, CancellationToken cancellationToken) =>
        WriteAsync<Proposal>(caller.ParticipantId, snapshot =>
        {
            RegistryRules.ValidateProposal(draft, CategoryIds(snapshot));
            var proposal = new Proposal($"proposal-{snapshot.Proposals.Count + 1:0000}", draft.Theme.Trim(), draft.Domain.Trim(), draft.Outline.Trim(),
                caller.ParticipantId, draft.CategoryIds, draft.Stages, ProposalStatus.Pending, clock.GetUtcNow());
            var next = snapshot with { Proposals = [.. snapshot.Proposals, proposal] };
            return (next, ("proposal.propose", proposal.Id, $"Proposed '{proposal.Theme}'."), proposal);
        }, cancellationToken);

    public Task<(Proposal Proposal, UseCase UseCase)> AcceptAsync(Caller caller, Acceptance acceptance, CancellationToken cancellationToken)
    {
        RegistryRules.RequireSecretariat(caller, "accept proposal");
        return WriteAsync<(Proposal Proposal, UseCase UseCase)>(caller.ParticipantId, snapshot =>
        {
            var proposal = Pending(snapshot, acceptance.ProposalId);
            var id = string.IsNullOrWhiteSpace(acceptance.UseCaseId) ? SlugOf(proposal.Theme) : acceptance.UseCaseId.Trim();
            if (snapshot.UseCases.Any(u => u.Id == id))
            {
                throw new RegistryConflictException($"A use case '{id}' already exists; choose another use-case id.");
            }
            var (nameJa, nameEn) = RegistryRules.AcceptedNames(acceptance, proposal.Theme);
            var now = clock.GetUtcNow();
            var useCase = new UseCase(id, nameJa, nameEn, proposal.Domain,
                Or(acceptance.LeadOrganisation, proposal.Proposer), UseCaseStatus.Concept, [], proposal.CategoryIds, proposal.Stages,
                [proposal.Proposer], [], false, now, caller.ParticipantId);
            RegistryRules.ValidateUseCase(useCase, CategoryIds(snapshot));
            var decided = proposal with { Status = ProposalStatus.Accepted, UseCaseId = id, DecidedAt = now, DecidedBy = caller.ParticipantId };
            var next = snapshot with { Proposals = Replace(snapshot.Proposals, decided), UseCases = Replace(snapshot.UseCases, useCase) };
            return (next, ("proposal.accept", proposal.Id, $"Accepted as use case '{id}' in concept."), (decided, useCase));
        }, cancellationToken);
    }

    public Task<Proposal> DeclineAsync(Caller caller, string proposalId, string reason, CancellationToken cancellationToken)
    {
        RegistryRules.RequireSecretariat(caller, "decline proposal");
        RegistryRules.ValidateDecline(reason);
        return WriteAsync<Proposal>(caller.ParticipantId, snapshot =>
        {
            var decided = Pending(snapshot, proposalId) with
            {
                Status = ProposalStatus.Declined,
                Reason = reason.Trim(),
                DecidedAt = clock.GetUtcNow(),
                DecidedBy = caller.ParticipantId,
            };
            var next = snapshot with { Proposals = Replace(snapshot.Proposals, decided) };
            return (next, ("proposal.decline", proposalId, $"Declined: {decided.Reason}"), decided);
        }, cancellationToken);
    }

    /// <summary>Any member reports its own measured counts; the report replaces its previous one.</summary>
    public Task<CoverageReport> ReportCoverageAsync(Caller caller, IReadOnlyList<CoverageCount> counts, CancellationToken cancellationToken)
    {
        RegistryRules.ValidateReport(counts);
        return WriteAsync<CoverageReport>(caller.ParticipantId, snapshot =>
        {
            var report = new CoverageReport(caller.ParticipantId, clock.GetUtcNow(), counts);
            var reports = snapshot.Reports.Where(r => r.ParticipantId != caller.ParticipantId).Append(report)
                .OrderBy(r => r.ParticipantId, StringComparer.Ordinal).ToList();
            return (snapshot with { Reports = reports }, ("coverage.report", caller.ParticipantId, $"Reported {counts.Count} cells."), report);
        }, cancellationToken);
    }

    private delegate (RegistrySnapshot Next, (string Action, string Subject, string Summary) Change, T Result)? Mutation<T>(RegistrySnapshot snapshot);

    private async Task<T> WriteAsync<T>(string actor, Mutation<T> mutate, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = _current;
                if (mutate(current.Snapshot) is not { } outcome)
                {
                    return default!;
                }
                var sequence = current.Snapshot.Changes.Count == 0 ? 1 : current.Snapshot.Changes[^1].Sequence + 1;
                var change = new RegistryChange(sequence, clock.GetUtcNow(), actor, outcome.Change.Action, outcome.Change.Subject, outcome.Change.Summary);
                var next = outcome.Next with { Changes = [.. current.Snapshot.Changes, change] };
                try
                {
                    // Not cancellable past this point: a save that has begun is finished, so memory and store agree.
                    var version = await store.SaveAsync(next, current.Version, CancellationToken.None);
                    _current = new Held(next, version);
                    return outcome.Result;
                }
                catch (ConcurrentUpdateException) when (attempt < MaxAttempts)
                {
                    // Another replica saved first: apply the command again to what it saved.
                    _current = await ReadAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose() => _writer.Dispose();

    private static Proposal Pending(RegistrySnapshot snapshot, string id)
    {
        var proposal = snapshot.Proposals.FirstOrDefault(p => p.Id == id) ?? throw new RegistryItemNotFoundException("proposal", id);
        return proposal.Status == ProposalStatus.Pending
            ? proposal
            : throw new RegistryConflictException($"Proposal '{id}' was already {proposal.Status.ToString().ToLowerInvariant()}.");
    }

    private static HashSet<string> CategoryIds(RegistrySnapshot snapshot) => snapshot.Categories.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

    private static List<Category> Sorted(IEnumerable<Category> categories) => categories.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();

    private static List<UseCase> Replace(IReadOnlyList<UseCase> items, UseCase item) =>
        items.Where(u => u.Id != item.Id).Append(item).OrderBy(u => u.Id, StringComparer.Ordinal).ToList();

    private static List<Proposal> Replace(IReadOnlyList<Proposal> items, Proposal item) => items.Select(p => p.Id == item.Id ? item : p).ToList();

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();

    private static string Describe(UseCase u) =>
        $"'{u.Id}' ({LifecycleStages.StatusName(u.Status)}; categories {string.Join(", ", u.CategoryIds)}; stages {string.Join(", ", u.Stages.Select(LifecycleStages.Name))}).";

    /// <summary>A use-case id from a free-text theme: ASCII letters and digits, dashes between words.</summary>
    public static string SlugOf(string theme)
    {
        var slug = new StringBuilder();
        foreach (var c in theme.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "use-case" : text[..Math.Min(text.Length, 48)].Trim('-');
    }
}

/// <summary>The request conflicts with the registry's state (a decided proposal, a taken id).</summary>
public sealed class RegistryConflictException(string message) : DomainException(message);
