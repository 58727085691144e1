namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// Durable state of sharing: offers, negotiations and agreements. Saving a record replaces the
/// previous one with the same id; the latest of each survives a restart.
/// </summary>
public interface ISharingStore
{
    Task SaveOfferAsync(Offer offer, CancellationToken cancellationToken);
    Task SaveNegotiationAsync(Negotiation negotiation, CancellationToken cancellationToken);
    Task SaveAgreementAsync(Agreement agreement, CancellationToken cancellationToken);

    IReadOnlyCollection<Offer> Offers { get; }
    IReadOnlyCollection<Negotiation> Negotiations { get; }
    IReadOnlyCollection<Agreement> Agreements { get; }

    /// <summary>One agreement by id, without copying the collection (checked on every token call).</summary>
    Agreement? FindAgreement(string agreementId);

    /// <summary>
    /// One agreement by id; where several replicas share the store, one this replica has not taken
    /// in yet (just made through another replica) is read from the store before the answer is no.
    /// </summary>
    Task<Agreement?> FindAgreementAsync(string agreementId, CancellationToken cancellationToken);

    /// <summary>One offer by id; like <see cref="FindAgreementAsync"/>, one not taken in yet is read from the store.</summary>
    Task<Offer?> FindOfferAsync(string offerId, CancellationToken cancellationToken);

    /// <summary>
    /// One negotiation by id, in its latest stored state: its steps may arrive through different
    /// replicas in quick succession, so where replicas share the store it is read from the store.
    /// </summary>
    Task<Negotiation?> FindNegotiationAsync(string negotiationId, CancellationToken cancellationToken);

    /// <summary>
    /// Records the one use of a single-use data-access token; false when it was already used.
    /// Where replicas share the store, the record is shared too, so a replay sent to another
    /// replica is caught. A store holding one replica's state answers true: its caller's in-memory
    /// set of spent ids is the record there.
    /// </summary>
    Task<bool> TrySpendTokenAsync(string tokenId, DateTimeOffset expires, CancellationToken cancellationToken);
}
