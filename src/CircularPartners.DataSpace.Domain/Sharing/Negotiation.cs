namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>The Dataspace Protocol's contract negotiation states.</summary>
public enum NegotiationState
{
    Requested = 1,
    Offered = 2,
    Accepted = 3,
    Agreed = 4,
    Verified = 5,
    Finalized = 6,
    Terminated = 7,
}

/// <summary>
/// One side's view of a contract negotiation; both sides persist theirs. The provider's copy holds
/// the consumer connector's address when the consumer gave it (where a termination notice goes).
/// </summary>
public sealed record Negotiation(
    string NegotiationId,
    string Provider,
    string Consumer,
    string ProviderAddress,
    string OfferId,
    string Purpose,
    NegotiationState State,
    string? AgreementId,
    string? Reason,
    DateTimeOffset UpdatedAt,
    string? ConsumerAddress = null)
{
    private static readonly Dictionary<NegotiationState, NegotiationState> Next = new()
    {
        [NegotiationState.Requested] = NegotiationState.Offered,
        [NegotiationState.Offered] = NegotiationState.Accepted,
        [NegotiationState.Accepted] = NegotiationState.Agreed,
        [NegotiationState.Agreed] = NegotiationState.Verified,
        [NegotiationState.Verified] = NegotiationState.Finalized,
    };

    public bool IsFinal => State is NegotiationState.Finalized or NegotiationState.Terminated;

    /// <summary>Moves one step forward; any other move is a protocol error.</summary>
    public Negotiation Advance(NegotiationState to, DateTimeOffset now, string? agreementId = null)
    {
        if (!Next.TryGetValue(State, out var expected) || expected != to)
        {
            throw new Errors.NegotiationStateException(NegotiationId, State, to);
        }
        return this with { State = to, UpdatedAt = now, AgreementId = agreementId ?? AgreementId };
    }

    public Negotiation Terminate(string reason, DateTimeOffset now) =>
        IsFinal && State == NegotiationState.Terminated ? this : this with { State = NegotiationState.Terminated, Reason = reason, UpdatedAt = now };
}
