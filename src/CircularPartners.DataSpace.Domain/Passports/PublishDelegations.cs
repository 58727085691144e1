using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>
/// The operator's list of participants allowed to publish on its connector: add, list, remove.
/// Only the operator changes it; a delegate sees its own delegations.
/// </summary>
public sealed class PublishDelegations(PublishSettings settings, IDelegationStore store, TimeProvider time)
{
    public const string OperatorOnlyRule = "delegation.operator-only";
    private const int MaxIdentifierLength = 64;

    public async Task<Delegation> AddAsync(Caller caller, string participantId, IReadOnlyList<string> economicOperators, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        RequireOperator(caller);
        var now = time.GetUtcNow();
        var identifiers = economicOperators.Select(i => i.Trim()).Distinct(StringComparer.Ordinal).ToList();
        Validate(participantId, identifiers, expiresAt, now);
        var delegation = new Delegation("delegation-" + Guid.NewGuid().ToString("N"), participantId.Trim(), identifiers, expiresAt, caller.ParticipantId, now, null);
        await store.SaveDelegationAsync(delegation, cancellationToken);
        return delegation;
    }

    /// <summary>The operator sees every delegation, others only their own; removed and expired ones only on request.</summary>
    public IReadOnlyList<Delegation> List(Caller caller, bool includeInactive)
    {
        var now = time.GetUtcNow();
        var isOperator = caller.ParticipantId == settings.Operator;
        return [.. store.Delegations
            .Where(d => (isOperator || d.ParticipantId == caller.ParticipantId) && (includeInactive || d.IsInForce(now)))
            .OrderBy(d => d.CreatedAt)];
    }

    /// <summary>Ends a delegation at once; removing one already removed returns it unchanged.</summary>
    public async Task<Delegation> RemoveAsync(Caller caller, string delegationId, CancellationToken cancellationToken)
    {
        RequireOperator(caller);
        var delegation = store.Delegations.FirstOrDefault(d => d.DelegationId == delegationId)
            ?? throw new ResourceNotFoundException("delegation", delegationId);
        if (delegation.RemovedAt is not null)
        {
            return delegation;
        }
        var removed = delegation with { RemovedAt = time.GetUtcNow() };
        await store.SaveDelegationAsync(removed, cancellationToken);
        return removed;
    }

    private void RequireOperator(Caller caller)
    {
        if (caller.ParticipantId != settings.Operator)
        {
            throw new PermissionDeniedException(OperatorOnlyRule,
                $"Only this connector's operator '{settings.Operator}' manages who may publish on it (rule {OperatorOnlyRule}).");
        }
    }

    private void Validate(string participantId, List<string> identifiers, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var violations = new List<Violation>();
        if (string.IsNullOrWhiteSpace(participantId))
        {
            violations.Add(new Violation("participant_id", "required", "Name the participant allowed to publish."));
        }
        else if (participantId.Trim() == settings.Operator)
        {
            violations.Add(new Violation("participant_id", "is_operator", "The operator publishes on its own connector without a delegation."));
        }
        if (identifiers.Count == 0)
        {
            violations.Add(new Violation("economic_operators", "required", "Name at least one economic operator (e.g. corporate number) the participant may publish for."));
        }
        for (var i = 0; i < identifiers.Count; i++)
        {
            var identifier = identifiers[i];
            if (identifier.Length is 0 or > MaxIdentifierLength || identifier == PublishPolicy.AnyIdentifier || identifier.Any(char.IsWhiteSpace))
            {
                violations.Add(new Violation($"economic_operators[{i}]", "invalid_identifier",
                    $"'{identifier}' is not an economic-operator identifier (1 to {MaxIdentifierLength} characters, no spaces, not a wildcard)."));
            }
        }
        if (expiresAt is { } expires && expires <= now)
        {
            violations.Add(new Violation("expires_at", "in_past", "The delegation would expire before it starts."));
        }
        if (violations.Count > 0)
        {
            throw new PassportValidationException($"The delegation is invalid in {violations.Count} place(s).", violations);
        }
    }
}
