namespace CircularPartners.DataSpace.Domain.Errors;

/// <summary>A negotiation message arrived that its current state does not allow.</summary>
public sealed class NegotiationStateException(string negotiationId, Sharing.NegotiationState from, Sharing.NegotiationState to)
    : DomainException($"Negotiation '{negotiationId}' is {from.ToString().ToUpperInvariant()} and cannot move to {to.ToString().ToUpperInvariant()}.");
