using CircularPartners.DataSpace.Domain.Sharing;
using Google.Protobuf.WellKnownTypes;
using Wire = CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>Maps sharing records between the wire contract and the domain.</summary>
internal static class SharingMapper
{
    public static DatasetSelector ToDomain(Wire.DatasetSelector? selector) =>
        new([.. selector?.PassportIds ?? []], Empty(selector?.Category), Empty(selector?.UseCase));

    public static OfferConstraints ToDomain(Wire.OfferConstraints? c) => new(
        [.. c?.AllowedRoles ?? []], [.. c?.AllowedParticipants ?? []], [.. c?.Purposes ?? []],
        c?.ValidFrom?.ToDateTimeOffset(), c?.ValidUntil?.ToDateTimeOffset(), c?.UsageEnd?.ToDateTimeOffset(), c?.AllowEvents ?? false);

    public static Offer ToDomain(Wire.Offer offer) => new(offer.OfferId, offer.Provider, ToDomain(offer.Selector), [.. offer.AccessClasses],
        ToDomain(offer.Constraints), offer.Title, offer.CreatedAt?.ToDateTimeOffset() ?? default);

    public static Agreement ToDomain(Wire.Agreement a) => new(a.AgreementId, a.NegotiationId, a.Provider, a.Consumer, a.ProviderAddress, a.OfferId,
        ToDomain(a.Selector), [.. a.AccessClasses], a.Purpose, a.AllowEvents, a.AgreedAt?.ToDateTimeOffset() ?? default,
        a.UsageEnd?.ToDateTimeOffset(), a.State == Wire.AgreementState.Terminated, Empty(a.TerminatedBy),
        Empty(a.TerminationReason), a.TerminatedAt?.ToDateTimeOffset(), null, Empty(a.ProviderKey));

    public static Wire.DatasetSelector ToWire(DatasetSelector s) => new()
    {
        PassportIds = { s.PassportIds },
        Category = s.Category ?? "",
        UseCase = s.UseCase ?? "",
    };

    public static Wire.Offer ToWire(Offer o) => new()
    {
        OfferId = o.OfferId,
        Provider = o.Provider,
        Selector = ToWire(o.Selector),
        AccessClasses = { o.AccessClasses },
        Constraints = new Wire.OfferConstraints
        {
            AllowedRoles = { o.Constraints.AllowedRoles },
            AllowedParticipants = { o.Constraints.AllowedParticipants },
            Purposes = { o.Constraints.Purposes },
            ValidFrom = Time(o.Constraints.ValidFrom),
            ValidUntil = Time(o.Constraints.ValidUntil),
            UsageEnd = Time(o.Constraints.UsageEnd),
            AllowEvents = o.Constraints.AllowEvents,
        },
        Title = o.Title,
        CreatedAt = Timestamp.FromDateTimeOffset(o.CreatedAt),
    };

    public static Wire.Agreement ToWire(Agreement a) => new()
    {
        AgreementId = a.AgreementId,
        NegotiationId = a.NegotiationId,
        Provider = a.Provider,
        Consumer = a.Consumer,
        ProviderAddress = a.ProviderAddress,
        OfferId = a.OfferId,
        Selector = ToWire(a.Selector),
        AccessClasses = { a.AccessClasses },
        Purpose = a.Purpose,
        AllowEvents = a.AllowEvents,
        AgreedAt = Timestamp.FromDateTimeOffset(a.AgreedAt),
        UsageEnd = Time(a.UsageEnd),
        State = a.Terminated ? Wire.AgreementState.Terminated : Wire.AgreementState.Active,
        TerminatedBy = a.TerminatedBy ?? "",
        TerminationReason = a.TerminationReason ?? "",
        TerminatedAt = Time(a.TerminatedAt),
        ProviderKey = a.ProviderKey ?? "",
    };

    public static Wire.Negotiation ToWire(Negotiation n) => new()
    {
        NegotiationId = n.NegotiationId,
        Provider = n.Provider,
        Consumer = n.Consumer,
        ProviderAddress = n.ProviderAddress,
        OfferId = n.OfferId,
        Purpose = n.Purpose,
        State = (Wire.NegotiationState)(int)n.State,
        AgreementId = n.AgreementId ?? "",
        Reason = n.Reason ?? "",
        UpdatedAt = Timestamp.FromDateTimeOffset(n.UpdatedAt),
    };

    public static Wire.DataAccessToken ToWire(IssuedToken token, string providerAddress) => new()
    {
        Token = token.Token,
        ExpiresAt = Timestamp.FromDateTimeOffset(token.ExpiresAt),
        ProviderAddress = providerAddress,
    };

    private static Timestamp? Time(DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
