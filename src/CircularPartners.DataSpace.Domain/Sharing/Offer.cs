namespace CircularPartners.DataSpace.Domain.Sharing;

public sealed record OfferConstraints(
    IReadOnlyList<string> AllowedRoles,
    IReadOnlyList<string> AllowedParticipants,
    IReadOnlyList<string> Purposes,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    DateTimeOffset? UsageEnd,
    bool AllowEvents);

/// <summary>An owner's terms for a dataset: what is offered, to whom, for which purposes, until when.</summary>
public sealed record Offer(
    string OfferId,
    string Provider,
    DatasetSelector Selector,
    IReadOnlyList<string> AccessClasses,
    OfferConstraints Constraints,
    string Title,
    DateTimeOffset CreatedAt);
