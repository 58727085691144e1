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
    public bool IsActive(DateTimeOffset now) => !Terminated && (UsageEnd is not { } end || now < end);
}
