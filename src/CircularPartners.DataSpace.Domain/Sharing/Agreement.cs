namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>What a finalized negotiation granted: the basis of every data-access token.</summary>
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
    string? TerminatedBy)
{
    /// <summary>The rule that refuses an action on a passport the agreement's selector does not cover.</summary>
    public const string SelectorRule = "agreement.selector";

    public bool IsActive(DateTimeOffset now) => !Terminated && (UsageEnd is not { } end || now < end);
}
