namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>
/// A connector operator's authorisation of another participant (a subsidiary, a DPP service
/// provider) to publish passports on the operator's connector for the listed economic operators
/// (their identifiers, e.g. corporate numbers). Never deleted: a removal is recorded, so the list
/// shows who could publish when.
/// </summary>
public sealed record Delegation(
    string DelegationId,
    string ParticipantId,
    IReadOnlyList<string> EconomicOperators,
    DateTimeOffset? ExpiresAt,
    string GrantedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RemovedAt)
{
    /// <summary>Not removed and not expired at <paramref name="now"/>.</summary>
    public bool IsInForce(DateTimeOffset now) => RemovedAt is null && (ExpiresAt is not { } expires || now < expires);
}

/// <summary>
/// Durable delegations of the connector. Saving replaces the record with the same id; the latest
/// of each survives a restart. Where replicas share the store, one saved through another replica
/// is seen within the store's refresh interval.
/// </summary>
public interface IDelegationStore
{
    Task SaveDelegationAsync(Delegation delegation, CancellationToken cancellationToken);

    IReadOnlyCollection<Delegation> Delegations { get; }
}
