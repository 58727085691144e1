using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Sharing;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>The provider's endpoint for other connectors' negotiation and transfer messages; every decision is audited.</summary>
[Authorize]
internal sealed class ContractNegotiationGrpcService(ProviderSharing provider, SharingAudit audit) : ContractNegotiationService.ContractNegotiationServiceBase
{
    public override async Task<ContractOffer> RequestContract(ContractRequest request, ServerCallContext context)
    {
        var consumer = CallerContext.CallerOf(context);
        var offer = await audit.RecordAsync(consumer, "negotiation.request", provider.OwnerOf(offerId: request.OfferId), null, request.Purpose, [], [],
            () => provider.RequestContractAsync(consumer, request.NegotiationId, request.OfferId, request.Purpose, context.CancellationToken), context.CancellationToken);
        return new ContractOffer { NegotiationId = request.NegotiationId, Offer = SharingMapper.ToWire(offer) };
    }

    public override async Task<Contracts.V1.Agreement> AcceptOffer(NegotiationStep request, ServerCallContext context)
    {
        var consumer = CallerContext.CallerOf(context);
        var agreement = await audit.RecordAsync(consumer, "negotiation.agree", provider.OwnerOf(negotiationId: request.NegotiationId), null, null, [], [],
            () => provider.AcceptOfferAsync(consumer, request.NegotiationId, context.CancellationToken), context.CancellationToken);
        return SharingMapper.ToWire(agreement);
    }

    public override async Task<Contracts.V1.Agreement> VerifyAgreement(NegotiationStep request, ServerCallContext context)
    {
        var consumer = CallerContext.CallerOf(context);
        return SharingMapper.ToWire(await provider.VerifyAgreementAsync(consumer, request.NegotiationId, context.CancellationToken));
    }

    public override async Task<DataAccessToken> IssueToken(TransferRequest request, ServerCallContext context)
    {
        var consumer = CallerContext.CallerOf(context);
        var token = await audit.RecordAsync(consumer, "transfer.token", provider.OwnerOf(agreementId: request.AgreementId), request.AgreementId, null, [], [],
            () => provider.IssueTokenAsync(consumer, request.AgreementId, request.SingleUse, context.CancellationToken), context.CancellationToken);
        return SharingMapper.ToWire(token, "");
    }

    public override async Task<Contracts.V1.Agreement> Terminate(TerminateAgreementRequest request, ServerCallContext context)
    {
        var party = CallerContext.CallerOf(context);
        return SharingMapper.ToWire(await provider.TerminateAsync(party, request.AgreementId, context.CancellationToken));
    }
}
