using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Membership;

/// <summary>
/// The secretariat's membership registry: who is in the data space and with which roles. Leaving
/// revokes the participant everywhere before the call returns.
/// </summary>
public sealed class MembershipRegistry(IMembershipStore store, ICredentialSigner signer, IRevocationBroadcaster broadcaster, RevocationList revocations, TimeProvider time) : IDisposable
{
    public const string SecretariatRule = "membership.secretariat-only";
    public const string SelfOrSecretariatRule = "membership.self-or-secretariat";
    private static readonly HashSet<string> Kinds = [.. Goals.GoalVocabulary.MemberKinds.Select(k => k.Code)];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly bool _loaded = LoadRevocations(store, revocations);

    public async Task<Participant> JoinAsync(Caller caller, Participant candidate, CancellationToken cancellationToken)
    {
        RequireSecretariat(caller);
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
        var member = candidate with { Industry = industry, Active = true, JoinedAt = time.GetUtcNow(), LeftAt = null };
        await store.SaveParticipantAsync(member, cancellationToken);
        return member;
    }

    public async Task<Participant> UpdateAsync(Caller caller, string participantId, Func<Participant, bool, Participant> change, CancellationToken cancellationToken)
    {
        var current = RequireActive(participantId);
        var isSecretariat = caller.HasRole("secretariat");
        if (!isSecretariat && caller.ParticipantId != participantId)
        {
            throw new PermissionDeniedException(SelfOrSecretariatRule, "Only the participant itself or the secretariat may change it.");
        }
        var updated = change(current, isSecretariat);
        await store.SaveParticipantAsync(updated, cancellationToken);
        return updated;
    }

    public async Task<Participant> LeaveAsync(Caller caller, string participantId, CancellationToken cancellationToken)
    {
        var current = RequireActive(participantId);
        if (!caller.HasRole("secretariat") && caller.ParticipantId != participantId)
        {
            throw new PermissionDeniedException(SelfOrSecretariatRule, "Only the participant itself or the secretariat may end its membership.");
        }
        var left = current with { Active = false, LeftAt = time.GetUtcNow() };
        await store.SaveParticipantAsync(left, cancellationToken);
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

    /// <summary>Recorded, applied here, then pushed to every following connector before returning.</summary>
    private async Task<Revocation> RevokeAsync(string? participantId, string? credentialId, CancellationToken cancellationToken)
    {
        Revocation revocation;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            revocation = new Revocation((store.Revocations.Count > 0 ? store.Revocations[^1].Sequence : 0) + 1, participantId, credentialId, time.GetUtcNow());
            await store.SaveRevocationAsync(revocation, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
        revocations.Apply(revocation);
        await broadcaster.BroadcastAsync(revocation, cancellationToken);
        return revocation;
    }

    /// <summary>Revocations recorded before a restart stay in force.</summary>
    private static bool LoadRevocations(IMembershipStore store, RevocationList revocations)
    {
        foreach (var revocation in store.Revocations)
        {
            revocations.Apply(revocation);
        }
        return true;
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

    public void Dispose() => _gate.Dispose();
}
