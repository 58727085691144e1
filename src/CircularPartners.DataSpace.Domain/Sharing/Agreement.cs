namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// What a finalized negotiation granted: the basis of every data-access token. Both sides keep a
/// copy; the consumer's also holds the provider's published key (<see cref="ProviderKey"/>, PEM)
/// that verifies its release receipts and termination notices, and the provider's the consumer
/// connector's address (<see cref="ConsumerAddress"/>) where a termination notice goes.
/// </summary>
public sealed record Agreement(
    string AgreementId,
    string NegotiationId,
    string Provider,
    string Consumer,
    string ProviderAddress,
    string OfferId,
    DatasetSelector Selector,
    IReadOnlyList<string> AccessClasses,
    string Purpose,
    bool AllowEvents,
    DateTimeOffset AgreedAt,
    DateTimeOffset? UsageEnd,
    bool Terminated,
    string? TerminatedBy,
    string? TerminationReason = null,
    DateTimeOffset? TerminatedAt = null,
    string? ConsumerAddress = null,
    string? ProviderKey = null)
{
    /// <summary>The rule that refuses an action on a passport the agreement's selector does not cover.</summary>
    public const string SelectorRule = "agreement.selector";

    public bool IsActive(DateTimeOffset now) => !Terminated && (UsageEnd is not { } end || now < end);

    /// <summary>Ended by <paramref name="party"/> for <paramref name="reason"/>; an agreement already ended stays as it was.</summary>
    public Agreement Terminate(string party, string? reason, DateTimeOffset now) =>
        Terminated ? this : this with { Terminated = true, TerminatedBy = party, TerminationReason = string.IsNullOrWhiteSpace(reason) ? null : reason, TerminatedAt = now };
}
