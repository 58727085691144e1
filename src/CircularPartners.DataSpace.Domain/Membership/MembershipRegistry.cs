using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Membership;

/// <summary>
/// The secretariat's membership registry: who is in the data space and with which roles. Leaving
/// revokes the participant everywhere before the call returns. Where secretariat replicas share
/// the store, a write that another replica's overtook is applied again to the newer record
/// (<see cref="ConcurrentUpdateException"/>), and each replica takes in the others' revocations
/// through <see cref="CatchUpAsync"/>, enforcing them and passing them on to its followers.
/// </summary>
public sealed class MembershipRegistry(IMembershipStore store, ICredentialSigner signer, IRevocationBroadcaster broadcaster, RevocationList revocations, TimeProvider time) : IDisposable
{
    public const string SecretariatRule = "membership.secretariat-only";
    public const string SelfOrSecretariatRule = "membership.self-or-secretariat";
    private static readonly HashSet<string> Kinds = [.. Goals.GoalVocabulary.MemberKinds.Select(k => k.Code)];
    /// <summary>Writes lost to another replica before a command gives up (ABORTED): only under a storm of writes.</summary>
    private const int MaxAttempts = 10;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private readonly HashSet<long> _applied = LoadRevocations(store, revocations);

    public Task<Participant> JoinAsync(Caller caller, Participant candidate, CancellationToken cancellationToken)
    {
        RequireSecretariat(caller);
        return SaveParticipantAsync(() => Admit(candidate), cancellationToken);
    }

    private Participant Admit(Participant candidate)
    {
        var violations = new List<Violation>();
        if (string.IsNullOrWhiteSpace(candidate.ParticipantId))
        {
            violations.Add(new Violation("participant.participant_id", "required", "A participant id (e.g. a 13-digit corporate number) is required."));
        }
        if (!Kinds.Contains(candidate.Kind))
        {
            violations.Add(new Violation("participant.kind", "unknown_value", $"Kind must be one of {string.Join(", ", Kinds)}."));
        }
        if (candidate.Roles.Count == 0 || candidate.Roles.Any(r => !SharingVocabulary.Roles.Contains(r)))
        {
            violations.Add(new Violation("participant.roles", "unknown_value", $"Roles must be among {string.Join(", ", SharingVocabulary.Roles)}."));
        }
        if (Find(candidate.ParticipantId) is { Active: true })
        {
            violations.Add(new Violation("participant.participant_id", "already_member", "This participant is already a member."));
        }
        if (violations.Count > 0)
        {
            throw new PassportValidationException($"The participant has {violations.Count} problem(s).", violations);
        }
        // An industry given by its Japanese or English name is kept as its class code.
        var industry = Goals.GoalVocabulary.Find(Goals.GoalVocabulary.Industries, candidate.Industry)?.Code ?? candidate.Industry;
        return candidate with { Industry = industry, Active = true, JoinedAt = time.GetUtcNow(), LeftAt = null };
    }

    public Task<Participant> UpdateAsync(Caller caller, string participantId, Func<Participant, bool, Participant> change, CancellationToken cancellationToken)
    {
        var isSecretariat = caller.HasRole("secretariat");
        if (!isSecretariat && caller.ParticipantId != participantId)
        {
            throw new PermissionDeniedException(SelfOrSecretariatRule, "Only the participant itself or the secretariat may change it.");
        }
        return SaveParticipantAsync(() => change(RequireActive(participantId), isSecretariat), cancellationToken);
    }

    public async Task<Participant> LeaveAsync(Caller caller, string participantId, CancellationToken cancellationToken)
    {
        _ = RequireActive(participantId);
        if (!caller.HasRole("secretariat") && caller.ParticipantId != participantId)
        {
            throw new PermissionDeniedException(SelfOrSecretariatRule, "Only the participant itself or the secretariat may end its membership.");
        }
        var left = await SaveParticipantAsync(() => RequireActive(participantId) with { Active = false, LeftAt = time.GetUtcNow() }, cancellationToken);
        await RevokeAsync(participantId, null, cancellationToken);
        return left;
    }

    public IssuedCredential IssueCredential(Caller caller, string participantId, string? audience, TimeSpan lifetime)
    {
        RequireSecretariat(caller);
        return signer.Sign(RequireActive(participantId), audience, lifetime);
    }

    public Task<Revocation> RevokeCredentialAsync(Caller caller, string credentialId, CancellationToken cancellationToken)
    {
        RequireSecretariat(caller);
        return RevokeAsync(null, credentialId, cancellationToken);
    }

    public Participant Get(string participantId) => Find(participantId) ?? throw new ResourceNotFoundException("participant", participantId);

    /// <summary>Active participants, narrowed by role, industry class, kind and a part of the name or id (empty: any).</summary>
    public IReadOnlyList<Participant> List(string? role, string? industry = null, string? kind = null, string? query = null) =>
        [.. store.Participants
            .Where(p => p.Active && (string.IsNullOrEmpty(role) || p.Roles.Contains(role)))
            .Where(p => (string.IsNullOrEmpty(industry) || p.Industry == industry) && (string.IsNullOrEmpty(kind) || p.Kind == kind))
            .Where(p => string.IsNullOrWhiteSpace(query) || p.Name.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase) || p.ParticipantId.Contains(query.Trim(), StringComparison.Ordinal))
            .OrderBy(p => p.ParticipantId, StringComparer.Ordinal)];

    /// <summary>
    /// Takes in revocations recorded through other replicas sharing the store: each not yet applied
    /// here is applied, in sequence order, and pushed to the connectors following this replica.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _catchUp.WaitAsync(cancellationToken);
        try
        {
            List<Revocation> taken = [.. store.Revocations.Where(r => !_applied.Contains(r.Sequence)).OrderBy(r => r.Sequence)];
            // All enforced here first: pushing each waits for the followers' acknowledgements.
            foreach (var revocation in taken)
            {
                revocations.Apply(revocation);
                _applied.Add(revocation.Sequence);
            }
            foreach (var revocation in taken)
            {
                await broadcaster.BroadcastAsync(revocation, cancellationToken);
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    /// <summary>A participant record built from the current one and saved; built again when another replica's write came first.</summary>
    private async Task<Participant> SaveParticipantAsync(Func<Participant> build, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var participant = build();
            try
            {
                await store.SaveParticipantAsync(participant, cancellationToken);
                return participant;
            }
            catch (ConcurrentUpdateException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>Recorded under the next free sequence, applied here, then pushed to every following connector before returning.</summary>
    private async Task<Revocation> RevokeAsync(string? participantId, string? credentialId, CancellationToken cancellationToken)
    {
        Revocation revocation;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var known = store.Revocations;
                revocation = new Revocation((known.Count > 0 ? known[^1].Sequence : 0) + 1, participantId, credentialId, time.GetUtcNow());
                try
                {
                    await store.SaveRevocationAsync(revocation, cancellationToken);
                    break;
                }
                catch (ConcurrentUpdateException) when (attempt < MaxAttempts)
                {
                    // Another replica took that sequence; the store holds its revocation now, so the next try takes the one after.
                }
            }
        }
        finally
        {
            _gate.Release();
        }
        // Not cancellable: a recorded revocation is enforced here whatever the caller does (the wait for followers is bounded).
        await CatchUpAsync(CancellationToken.None);
        return revocation;
    }

    /// <summary>Revocations recorded before a restart stay in force.</summary>
    private static HashSet<long> LoadRevocations(IMembershipStore store, RevocationList revocations)
    {
        var applied = new HashSet<long>();
        foreach (var revocation in store.Revocations)
        {
            revocations.Apply(revocation);
            applied.Add(revocation.Sequence);
        }
        return applied;
    }

    private Participant? Find(string participantId) => store.Participants.FirstOrDefault(p => p.ParticipantId == participantId);

    private Participant RequireActive(string participantId) =>
        Find(participantId) is { Active: true } participant ? participant : throw new ResourceNotFoundException("participant", participantId);

    public static void RequireSecretariat(Caller caller)
    {
        if (!caller.HasRole("secretariat"))
        {
            throw new PermissionDeniedException(SecretariatRule, "Only the secretariat may do this.");
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _catchUp.Dispose();
    }
}
