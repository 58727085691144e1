using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Membership;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>A participant's sharing API on its own connector: mapping and delegation only.</summary>
[Authorize]
internal sealed class SharingGrpcService(ProviderSharing provider, ConsumerSharing consumer, ISharingStore store,
    FederatedQuery federated, AuditApi audit, ParticipantDirectory directory) : SharingService.SharingServiceBase
{
    public override async Task<Contracts.V1.Offer> CreateOffer(CreateOfferRequest request, ServerCallContext context)
    {
        var offer = await provider.CreateOfferAsync(CallerContext.CallerOf(context), SharingMapper.ToDomain(request.Selector),
            [.. request.AccessClasses], SharingMapper.ToDomain(request.Constraints), request.Title, context.CancellationToken);
        return SharingMapper.ToWire(offer);
    }

    public override Task<Catalog> GetCatalog(CatalogRequest request, ServerCallContext context) =>
        Task.FromResult(new Catalog { Offers = { provider.Catalog(CallerContext.CallerOf(context)).Select(SharingMapper.ToWire) } });

    public override async Task<Contracts.V1.Negotiation> Negotiate(NegotiateRequest request, ServerCallContext context)
    {
        var credential = CallerContext.CredentialOf(context);
        var providerAddress = (request.ProviderAddress, request.Provider) switch
        {
            ({ Length: > 0 } address, _) => address,
            (_, { Length: > 0 } participant) => await directory.ConnectorAddressOfAsync(participant, credential, context.CancellationToken),
            _ => throw new PassportValidationException("A negotiation names its provider.",
                [new Violation("provider_address", "required", "Give the provider's connector address or its participant id (provider).")]),
        };
        var negotiation = await consumer.NegotiateAsync(CallerContext.CallerOf(context), credential,
            providerAddress, request.OfferId, request.Purpose, context.CancellationToken);
        return SharingMapper.ToWire(negotiation);
    }

    public override Task<ListNegotiationsResponse> ListNegotiations(ListNegotiationsRequest request, ServerCallContext context)
    {
        var me = CallerContext.CallerOf(context).ParticipantId;
        var mine = store.Negotiations.Where(n => n.Consumer == me || n.Provider == me).OrderBy(n => n.UpdatedAt);
        return Task.FromResult(new ListNegotiationsResponse { Negotiations = { mine.Select(SharingMapper.ToWire) } });
    }

    public override Task<ListAgreementsResponse> ListAgreements(ListAgreementsRequest request, ServerCallContext context)
    {
        var me = CallerContext.CallerOf(context).ParticipantId;
        var mine = store.Agreements.Where(a => a.Consumer == me || a.Provider == me).OrderBy(a => a.AgreedAt);
        return Task.FromResult(new ListAgreementsResponse { Agreements = { mine.Select(SharingMapper.ToWire) } });
    }

    public override async Task<DataAccessToken> RequestTransfer(TransferRequest request, ServerCallContext context)
    {
        var caller = CallerContext.CallerOf(context);
        var token = await consumer.RequestTransferAsync(caller, CallerContext.CredentialOf(context), request.AgreementId, request.SingleUse, context.CancellationToken);
        var address = store.FindAgreement(request.AgreementId)?.ProviderAddress ?? "";
        return SharingMapper.ToWire(token, address);
    }

    public override async Task<Contracts.V1.Agreement> TerminateAgreement(TerminateAgreementRequest request, ServerCallContext context)
    {
        var caller = CallerContext.CallerOf(context);
        var local = await store.FindAgreementAsync(request.AgreementId, context.CancellationToken);
        // This connector is the provider of agreements it recorded without a provider address.
        var terminated = local is { ProviderAddress: "" } || local?.Provider == caller.ParticipantId
            ? await provider.TerminateAsync(caller, request.AgreementId, context.CancellationToken)
            : await consumer.TerminateAsync(caller, CallerContext.CredentialOf(context), request.AgreementId, request.Reason, context.CancellationToken);
        return SharingMapper.ToWire(terminated);
    }

    public override Task<FederatedQueryResponse> FederatedQuery(FederatedQueryRequest request, ServerCallContext context) =>
        federated.RunAsync(CallerContext.CallerOf(context), CallerContext.CredentialOf(context), request, context.CancellationToken);

    public override Task<ListAuditResponse> ListAudit(ListAuditRequest request, ServerCallContext context) =>
        audit.ListAsync(CallerContext.CallerOf(context), request, context.CancellationToken);

    public override Task<VerifyAuditResponse> VerifyAudit(VerifyAuditRequest request, ServerCallContext context) =>
        audit.VerifyAsync(context.CancellationToken);
}
