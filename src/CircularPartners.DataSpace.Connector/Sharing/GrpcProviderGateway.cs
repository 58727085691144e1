using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Errors;
using Grpc.Core;
using Offer = CircularPartners.DataSpace.Domain.Sharing.Offer;
using Agreement = CircularPartners.DataSpace.Domain.Sharing.Agreement;
using IssuedToken = CircularPartners.DataSpace.Domain.Sharing.IssuedToken;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// Speaks ContractNegotiationService to provider connectors, carrying the consumer's own
/// credential, and turns their statuses back into domain exceptions.
/// </summary>
internal sealed class GrpcProviderGateway(IConnectorChannels channels) : Domain.Sharing.IProviderGateway
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public Task<Offer> RequestContractAsync(string providerAddress, string credential, string negotiationId, string offerId, string purpose, string? consumerAddress, CancellationToken cancellationToken) =>
        CallAsync(providerAddress, credential, async (client, options) => SharingMapper.ToDomain((await client.RequestContractAsync(
            new ContractRequest { NegotiationId = negotiationId, OfferId = offerId, Purpose = purpose, ConsumerAddress = consumerAddress ?? "" }, options)).Offer), cancellationToken);

    public Task<Agreement> AcceptOfferAsync(string providerAddress, string credential, string negotiationId, CancellationToken cancellationToken) =>
        CallAsync(providerAddress, credential, async (client, options) => SharingMapper.ToDomain(
            await client.AcceptOfferAsync(new NegotiationStep { NegotiationId = negotiationId }, options)), cancellationToken);

    public Task<Agreement> VerifyAgreementAsync(string providerAddress, string credential, string negotiationId, CancellationToken cancellationToken) =>
        CallAsync(providerAddress, credential, async (client, options) => SharingMapper.ToDomain(
            await client.VerifyAgreementAsync(new NegotiationStep { NegotiationId = negotiationId }, options)), cancellationToken);

    public Task<IssuedToken> IssueTokenAsync(string providerAddress, string credential, string agreementId, bool singleUse, CancellationToken cancellationToken) =>
        CallAsync(providerAddress, credential, async (client, options) =>
        {
            var token = await client.IssueTokenAsync(new TransferRequest { AgreementId = agreementId, SingleUse = singleUse }, options);
            return new IssuedToken(token.Token, token.ExpiresAt.ToDateTimeOffset());
        }, cancellationToken);

    public Task TerminateAsync(string providerAddress, string credential, string agreementId, string reason, CancellationToken cancellationToken) =>
        CallAsync(providerAddress, credential, async (client, options) =>
            await client.TerminateAsync(new TerminateAgreementRequest { AgreementId = agreementId, Reason = reason }, options), cancellationToken);

    private async Task<T> CallAsync<T>(string address, string credential, Func<ContractNegotiationService.ContractNegotiationServiceClient, CallOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        var client = new ContractNegotiationService.ContractNegotiationServiceClient(channels.For(address));
        // A timer rather than a gRPC deadline: deadlines are absolute wall-clock times.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Deadline);
        var options = new CallOptions(new Metadata { { "authorization", "Bearer " + credential } }, cancellationToken: timeout.Token);
        try
        {
            return await call(client, options);
        }
        catch (RpcException ex)
        {
            throw ToDomain(ex, address);
        }
    }

    private static Exception ToDomain(RpcException ex, string address) => ex.StatusCode switch
    {
        StatusCode.PermissionDenied => new PermissionDeniedException(
            ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Metadata.GetValueOrDefault("rule") ?? "provider.policy", ex.Status.Detail),
        StatusCode.NotFound => new RemoteNotFoundException($"The provider at {address} answered: {ex.Status.Detail}",
            ex.GetRpcStatus()?.GetDetail<Google.Rpc.ResourceInfo>()?.ResourceType ?? "", ex.GetRpcStatus()?.GetDetail<Google.Rpc.ResourceInfo>()?.ResourceName ?? "", ex),
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled =>
            new RemoteUnavailableException($"The provider connector at {address} is unavailable: {ex.Status.Detail}", ex),
        _ => new RemoteRejectedException($"The provider at {address} refused ({ex.StatusCode}): {ex.Status.Detail}", ex),
    };
}
