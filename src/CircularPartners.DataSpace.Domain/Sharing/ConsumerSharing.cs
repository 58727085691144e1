using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// The consumer's side: drives a negotiation with a provider connector step by step, persisting
/// each state before the next message, so a restart resumes where it stopped (asking again for
/// the same offer and purpose continues the unfinished negotiation). Every state change is
/// recorded in the consumer connector's audit log with its ids. Negotiating an offer the consumer
/// already holds an active agreement on ends in that agreement: the provider keeps one per
/// consumer and offer (<see cref="ProviderSharing"/>).
/// </summary>
public sealed class ConsumerSharing(ISharingStore store, IProviderGateway provider, IRelationshipAudit audit, TimeProvider time)
{
    /// <param name="consumerAddress">This connector's own address, given to the provider for its termination notice; null when unknown.</param>
    public async Task<Negotiation> NegotiateAsync(Caller consumer, string credential, string providerAddress, string offerId, string purpose, string? consumerAddress,
        CancellationToken cancellationToken)
    {
        var negotiation = store.Negotiations.FirstOrDefault(n => n.Consumer == consumer.ParticipantId && n.ProviderAddress == providerAddress
            && n.OfferId == offerId && n.Purpose == purpose && !n.IsFinal);
        if (negotiation is null)
        {
            negotiation = new Negotiation("negotiation-" + Guid.NewGuid().ToString("N"), "", consumer.ParticipantId, providerAddress, offerId, purpose,
                NegotiationState.Requested, null, null, time.GetUtcNow());
            await SaveAsync(negotiation, cancellationToken);
        }
        try
        {
            return await DriveAsync(negotiation, credential, consumerAddress, cancellationToken);
        }
        catch (PermissionDeniedException denied)
        {
            var current = store.Negotiations.First(n => n.NegotiationId == negotiation.NegotiationId);
            await SaveAsync(current.Terminate($"denied by the provider, rule {denied.Rule}: {denied.Message}", time.GetUtcNow()), cancellationToken, denied.Rule);
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
        var change = Change(consumer.ParticipantId, "transfer.token", agreement.OfferId, agreement.NegotiationId, agreementId, agreement.Purpose);
        try
        {
            var token = await provider.IssueTokenAsync(agreement.ProviderAddress, credential, agreementId, singleUse, cancellationToken);
            await audit.RecordAsync(change with { State = singleUse ? "issued-single-use" : "issued" }, cancellationToken);
            return token;
        }
        catch (PermissionDeniedException denied)
        {
            await audit.RecordAsync(change with { Granted = false, Reason = denied.Rule }, CancellationToken.None);
            if (!agreement.Terminated)
            {
                // The provider no longer honours it (terminated there, or expired): remember that.
                await TerminatedAsync(agreement.Terminate(agreement.Provider, $"refused by the provider, rule {denied.Rule}", time.GetUtcNow()), agreement.Provider,
                    "agreement.terminated", CancellationToken.None);
            }
            throw;
        }
    }

    /// <summary>Tells the provider first (its tokens stop working there), then records the end with the reason given.</summary>
    public async Task<Agreement> TerminateAsync(Caller consumer, string credential, string agreementId, string reason, CancellationToken cancellationToken)
    {
        var agreement = store.Agreements.FirstOrDefault(a => a.AgreementId == agreementId && a.Consumer == consumer.ParticipantId)
            ?? throw new ResourceNotFoundException("agreement", agreementId);
        await provider.TerminateAsync(agreement.ProviderAddress, credential, agreementId, reason, cancellationToken);
        return await TerminatedAsync(agreement.Terminate(consumer.ParticipantId, reason, time.GetUtcNow()), consumer.ParticipantId, "agreement.terminate", cancellationToken);
    }

    /// <summary>
    /// The provider's connector told this one that <paramref name="terminatedBy"/> ended the
    /// agreement (its notice already verified against the provider's key): recorded as such.
    /// </summary>
    public async Task<Agreement> ProviderTerminatedAsync(string providerId, string agreementId, string terminatedBy, string? reason, CancellationToken cancellationToken)
    {
        var agreement = HeldAgreement(agreementId) is { } held && held.Provider == providerId ? held : throw new ResourceNotFoundException("agreement", agreementId);
        return agreement.Terminated ? agreement
            : await TerminatedAsync(agreement.Terminate(terminatedBy, reason, time.GetUtcNow()), providerId, "agreement.terminated", cancellationToken);
    }

    /// <summary>This connector's copy of an agreement it holds as consumer (one made with a provider connector).</summary>
    public Agreement? HeldAgreement(string agreementId) =>
        store.FindAgreement(agreementId) is { ProviderAddress.Length: > 0 } held ? held : null;

    /// <summary>Active agreements the consumer holds, one per provider connector and agreement.</summary>
    public IReadOnlyList<Agreement> ActiveAgreements(Caller consumer) =>
        [.. store.Agreements.Where(a => a.Consumer == consumer.ParticipantId && a.IsActive(time.GetUtcNow()))];

    private async Task<Agreement> TerminatedAsync(Agreement terminated, string actor, string action, CancellationToken cancellationToken)
    {
        await store.SaveAgreementAsync(terminated, cancellationToken);
        await audit.RecordAsync(Change(actor, action, terminated.OfferId, terminated.NegotiationId, terminated.AgreementId, terminated.Purpose)
            with { Owner = terminated.Consumer, State = "terminated", Reason = terminated.TerminationReason }, cancellationToken);
        return terminated;
    }

    private async Task<Negotiation> DriveAsync(Negotiation negotiation, string credential, string? consumerAddress, CancellationToken cancellationToken)
    {
        var address = negotiation.ProviderAddress;
        while (!negotiation.IsFinal)
        {
            var now = time.GetUtcNow();
            switch (negotiation.State)
            {
                case NegotiationState.Requested:
                    var offer = await provider.RequestContractAsync(address, credential, negotiation.NegotiationId, negotiation.OfferId, negotiation.Purpose, consumerAddress, cancellationToken);
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
            await SaveAsync(negotiation, cancellationToken);
        }
        return negotiation;
    }

    private async Task SaveAsync(Negotiation negotiation, CancellationToken cancellationToken, string? deniedBy = null)
    {
        await store.SaveNegotiationAsync(negotiation, cancellationToken);
        await audit.RecordAsync(Change(negotiation.Consumer, "negotiation." + negotiation.State.ToString().ToLowerInvariant(), negotiation.OfferId,
            negotiation.NegotiationId, negotiation.AgreementId, negotiation.Purpose) with
        {
            State = negotiation.State.ToString().ToLowerInvariant(),
            Granted = deniedBy is null,
            Reason = deniedBy ?? (negotiation.State == NegotiationState.Terminated ? negotiation.Reason : null),
        }, cancellationToken);
    }

    private static RelationshipChange Change(string actor, string action, string? offerId, string? negotiationId, string? agreementId, string? purpose) =>
        new(actor, actor, action, RelationshipChange.ConsumerSide, offerId, negotiationId, agreementId, purpose);
}
