using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// The consumer's side: drives a negotiation with a provider connector step by step, persisting
/// each state before the next message, so a restart resumes where it stopped (asking again for
/// the same offer and purpose continues the unfinished negotiation).
/// </summary>
public sealed class ConsumerSharing(ISharingStore store, IProviderGateway provider, TimeProvider time)
{
    public async Task<Negotiation> NegotiateAsync(Caller consumer, string credential, string providerAddress, string offerId, string purpose, CancellationToken cancellationToken)
    {
        var negotiation = store.Negotiations.FirstOrDefault(n => n.Consumer == consumer.ParticipantId && n.ProviderAddress == providerAddress
            && n.OfferId == offerId && n.Purpose == purpose && !n.IsFinal);
        if (negotiation is null)
        {
            negotiation = new Negotiation("negotiation-" + Guid.NewGuid().ToString("N"), "", consumer.ParticipantId, providerAddress, offerId, purpose,
                NegotiationState.Requested, null, null, time.GetUtcNow());
            await store.SaveNegotiationAsync(negotiation, cancellationToken);
        }
        try
        {
            return await DriveAsync(negotiation, credential, cancellationToken);
        }
        catch (PermissionDeniedException denied)
        {
            var current = store.Negotiations.First(n => n.NegotiationId == negotiation.NegotiationId);
            await store.SaveNegotiationAsync(current.Terminate($"denied by the provider, rule {denied.Rule}: {denied.Message}", time.GetUtcNow()), cancellationToken);
            throw;
        }
        catch (Exception refused) when (refused is RemoteNotFoundException or RemoteRejectedException)
        {
            // A refusal (unknown offer, step refused) ends the negotiation with its reason; only an
            // unreachable provider leaves it open, to resume when asked again.
            var current = store.Negotiations.First(n => n.NegotiationId == negotiation.NegotiationId);
            await store.SaveNegotiationAsync(current.Terminate($"refused by the provider: {refused.Message}", time.GetUtcNow()), cancellationToken);
            throw;
        }
    }

    public async Task<IssuedToken> RequestTransferAsync(Caller consumer, string credential, string agreementId, bool singleUse, CancellationToken cancellationToken)
    {
        var agreement = store.Agreements.FirstOrDefault(a => a.AgreementId == agreementId && a.Consumer == consumer.ParticipantId)
            ?? throw new ResourceNotFoundException("agreement", agreementId);
        try
        {
            return await provider.IssueTokenAsync(agreement.ProviderAddress, credential, agreementId, singleUse, cancellationToken);
        }
        catch (PermissionDeniedException) when (!agreement.Terminated)
        {
            // The provider no longer honours it (terminated there, or expired): remember that.
            await store.SaveAgreementAsync(agreement with { Terminated = true, TerminatedBy = agreement.Provider }, cancellationToken);
            throw;
        }
    }

    public async Task<Agreement> TerminateAsync(Caller consumer, string credential, string agreementId, string reason, CancellationToken cancellationToken)
    {
        var agreement = store.Agreements.FirstOrDefault(a => a.AgreementId == agreementId && a.Consumer == consumer.ParticipantId)
            ?? throw new ResourceNotFoundException("agreement", agreementId);
        await provider.TerminateAsync(agreement.ProviderAddress, credential, agreementId, reason, cancellationToken);
        var terminated = agreement with { Terminated = true, TerminatedBy = consumer.ParticipantId };
        await store.SaveAgreementAsync(terminated, cancellationToken);
        return terminated;
    }

    /// <summary>Active agreements the consumer holds, one per provider connector and agreement.</summary>
    public IReadOnlyList<Agreement> ActiveAgreements(Caller consumer) =>
        [.. store.Agreements.Where(a => a.Consumer == consumer.ParticipantId && a.IsActive(time.GetUtcNow()))];

    private async Task<Negotiation> DriveAsync(Negotiation negotiation, string credential, CancellationToken cancellationToken)
    {
        var address = negotiation.ProviderAddress;
        while (!negotiation.IsFinal)
        {
            var now = time.GetUtcNow();
            switch (negotiation.State)
            {
                case NegotiationState.Requested:
                    var offer = await provider.RequestContractAsync(address, credential, negotiation.NegotiationId, negotiation.OfferId, negotiation.Purpose, cancellationToken);
                    negotiation = negotiation.Advance(NegotiationState.Offered, now) with { Provider = offer.Provider };
                    break;
                case NegotiationState.Offered:
                    negotiation = negotiation.Advance(NegotiationState.Accepted, now);
                    break;
                case NegotiationState.Accepted:
                    var agreement = await provider.AcceptOfferAsync(address, credential, negotiation.NegotiationId, cancellationToken);
                    await store.SaveAgreementAsync(agreement with { ProviderAddress = address }, cancellationToken);
                    negotiation = negotiation.Advance(NegotiationState.Agreed, now, agreement.AgreementId);
                    break;
                case NegotiationState.Agreed:
                    negotiation = negotiation.Advance(NegotiationState.Verified, now);
                    break;
                case NegotiationState.Verified:
                    await provider.VerifyAgreementAsync(address, credential, negotiation.NegotiationId, cancellationToken);
                    negotiation = negotiation.Advance(NegotiationState.Finalized, now);
                    break;
            }
            await store.SaveNegotiationAsync(negotiation, cancellationToken);
        }
        return negotiation;
    }
}
