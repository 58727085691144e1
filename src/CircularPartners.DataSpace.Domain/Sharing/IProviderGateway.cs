namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// The consumer connector's line to a provider connector (the Dataspace Protocol messages),
/// called with the consumer participant's membership credential.
/// </summary>
public interface IProviderGateway
{
    /// <param name="consumerAddress">This connector's address, where the provider sends a termination notice; null when unknown.</param>
    Task<Offer> RequestContractAsync(string providerAddress, string credential, string negotiationId, string offerId, string purpose, string? consumerAddress, CancellationToken cancellationToken);
    Task<Agreement> AcceptOfferAsync(string providerAddress, string credential, string negotiationId, CancellationToken cancellationToken);
    Task<Agreement> VerifyAgreementAsync(string providerAddress, string credential, string negotiationId, CancellationToken cancellationToken);
    Task<IssuedToken> IssueTokenAsync(string providerAddress, string credential, string agreementId, bool singleUse, CancellationToken cancellationToken);
    Task TerminateAsync(string providerAddress, string credential, string agreementId, string reason, CancellationToken cancellationToken);
}

/// <summary>A data-access token and when it stops working.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);
