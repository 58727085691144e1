using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Sharing;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>
/// The provider's endpoint for other connectors' negotiation and transfer messages; every state
/// change is audited with the offer, negotiation and agreement ids it concerns. Agreements go out
/// with this connector's published key, which signs tokens, receipts and termination notices.
/// </summary>
[Authorize]
internal sealed class ContractNegotiationGrpcService(ProviderSharing provider, SharingAudit audit, TerminationNotices notices, DataAccessTokens keys)
    : ContractNegotiationService.ContractNegotiationServiceBase
{
    public override async Task<ContractOffer> RequestContract(ContractRequest request, ServerCallContext context)
    {
        var consumer = CallerContext.CallerOf(context);
        var attempt = Change(consumer.ParticipantId, provider.OwnerOf(offerId: request.OfferId), "negotiation.request", request.OfferId, request.NegotiationId, null) with { Purpose = request.Purpose };
        var offer = await audit.ChangeAsync(attempt, () => provider.RequestContractAsync(consumer, request.NegotiationId, request.OfferId, request.Purpose, request.ConsumerAddress, context.CancellationToken),
            _ => attempt with { State = "offered" }, context.CancellationToken);
        return new ContractOffer { NegotiationId = request.NegotiationId, Offer = SharingMapper.ToWire(offer) };
    }

    public override async Task<Contracts.V1.Agreement> AcceptOffer(NegotiationStep request, ServerCallContext context)
    {
        var consumer = CallerContext.CallerOf(context);
        var agreement = await audit.ChangeAsync(Change(consumer.ParticipantId, provider.OwnerOf(negotiationId: request.NegotiationId), "negotiation.agree", null, request.NegotiationId, null),
            () => provider.AcceptOfferAsync(consumer, request.NegotiationId, context.CancellationToken),
            a => Change(consumer.ParticipantId, a.Provider, "negotiation.agree", a.OfferId, request.NegotiationId, a.AgreementId) with { Purpose = a.Purpose, State = "agreed" },
            context.CancellationToken);
        return WithKey(agreement);
    }

    public override async Task<Contracts.V1.Agreement> VerifyAgreement(NegotiationStep request, ServerCallContext context)
    {
        var consumer = CallerContext.CallerOf(context);
        var agreement = await audit.ChangeAsync(Change(consumer.ParticipantId, provider.OwnerOf(negotiationId: request.NegotiationId), "negotiation.verify", null, request.NegotiationId, null),
            () => provider.VerifyAgreementAsync(consumer, request.NegotiationId, context.CancellationToken),
            a => Change(consumer.ParticipantId, a.Provider, "negotiation.verify", a.OfferId, request.NegotiationId, a.AgreementId) with { Purpose = a.Purpose, State = "finalized" },
            context.CancellationToken);
        return WithKey(agreement);
    }

    public override async Task<DataAccessToken> IssueToken(TransferRequest request, ServerCallContext context)
    {
        var consumer = CallerContext.CallerOf(context);
        var attempt = Change(consumer.ParticipantId, provider.OwnerOf(agreementId: request.AgreementId), "transfer.token", null, null, request.AgreementId);
        var token = await audit.ChangeAsync(attempt, () => provider.IssueTokenAsync(consumer, request.AgreementId, request.SingleUse, context.CancellationToken),
            _ => attempt with { State = request.SingleUse ? "issued-single-use" : "issued" }, context.CancellationToken);
        return SharingMapper.ToWire(token, "");
    }

    public override async Task<Contracts.V1.Agreement> Terminate(TerminateAgreementRequest request, ServerCallContext context) =>
        SharingMapper.ToWire(await notices.TerminateForConsumerAsync(CallerContext.CallerOf(context), request.AgreementId, request.Reason, context.CancellationToken));

    /// <summary>No credential: the notice is signed with the provider's key, checked by <see cref="TerminationNotices"/>.</summary>
    [AllowAnonymous]
    public override async Task<Contracts.V1.Agreement> NotifyTermination(TerminationNotice request, ServerCallContext context) =>
        SharingMapper.ToWire(await notices.ReceiveAsync(request.Notice, context.CancellationToken));

    public override Task<ReleaseKey> GetReleaseKey(ReleaseKeyRequest request, ServerCallContext context) =>
        Task.FromResult(new ReleaseKey { PublicKeyPem = keys.PublicKeyPem, KeyId = keys.KeyId });

    private Contracts.V1.Agreement WithKey(Domain.Sharing.Agreement agreement)
    {
        var wire = SharingMapper.ToWire(agreement);
        wire.ProviderKey = keys.PublicKeyPem;
        return wire;
    }

    private static RelationshipChange Change(string actor, string owner, string action, string? offerId, string? negotiationId, string? agreementId) =>
        new(actor, owner, action, RelationshipChange.ProviderSide, offerId, negotiationId, agreementId);
}
