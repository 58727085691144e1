using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// The provider's side of sharing: offers and catalog, the negotiation messages it receives,
/// agreements, tokens and termination. Every step is persisted before it is answered, and
/// repeating a step that already happened returns the same result (a consumer may retry). A
/// consumer holds at most one active agreement per offer: agreeing again returns the one it has.
/// </summary>
public sealed class ProviderSharing(ISharingStore store, ITokenIssuer tokens, TimeProvider time) : IDisposable
{
    public const string AgreementPartyRule = "agreement.parties-only";

    /// <summary>Agreeing is checked and recorded one at a time, so two negotiations of one offer cannot both make an agreement (on this replica).</summary>
    private readonly SemaphoreSlim _agreeing = new(1, 1);

    public async Task<Offer> CreateOfferAsync(Caller owner, DatasetSelector selector, IReadOnlyList<string> accessClasses, OfferConstraints constraints, string title, CancellationToken cancellationToken)
    {
        OfferValidator.Validate(accessClasses, constraints);
        var offer = new Offer("offer-" + Guid.NewGuid().ToString("N"), owner.ParticipantId, selector,
            [.. accessClasses.Distinct()], constraints, title, time.GetUtcNow());
        await store.SaveOfferAsync(offer, cancellationToken);
        return offer;
    }

    public IReadOnlyList<Offer> Catalog(Caller caller)
    {
        var now = time.GetUtcNow();
        return [.. store.Offers.Where(o => o.Provider == caller.ParticipantId || PolicyEvaluator.CanSee(o, caller, now).Granted).OrderBy(o => o.CreatedAt)];
    }

    public async Task<Offer> RequestContractAsync(Caller consumer, string negotiationId, string offerId, string purpose, string? consumerAddress, CancellationToken cancellationToken)
    {
        var offer = await store.FindOfferAsync(offerId, cancellationToken) ?? throw new ResourceNotFoundException("offer", offerId);
        var existing = await FindAsync(negotiationId, consumer, cancellationToken);
        if (existing is { State: >= NegotiationState.Offered and < NegotiationState.Terminated })
        {
            return offer;
        }
        var now = time.GetUtcNow();
        var negotiation = new Negotiation(negotiationId, offer.Provider, consumer.ParticipantId, "", offerId, purpose, NegotiationState.Requested, null, null, now,
            string.IsNullOrWhiteSpace(consumerAddress) ? null : consumerAddress);
        var decision = PolicyEvaluator.CanAgree(offer, consumer, purpose, now);
        if (!decision.Granted)
        {
            await store.SaveNegotiationAsync(negotiation.Terminate($"denied by rule {decision.Rule}: {decision.Explanation}", now), cancellationToken);
            throw new PermissionDeniedException(decision.Rule, $"{decision.Explanation} (rule {decision.Rule})");
        }
        await store.SaveNegotiationAsync(negotiation.Advance(NegotiationState.Offered, now), cancellationToken);
        return offer;
    }

    public async Task<Agreement> AcceptOfferAsync(Caller consumer, string negotiationId, CancellationToken cancellationToken)
    {
        var negotiation = await FindAsync(negotiationId, consumer, cancellationToken) ?? throw new ResourceNotFoundException("negotiation", negotiationId);
        if (negotiation.AgreementId is { } agreed)
        {
            return await AgreementOfAsync(agreed, cancellationToken);
        }
        var offer = await store.FindOfferAsync(negotiation.OfferId, cancellationToken)
            ?? throw new ResourceNotFoundException("offer", negotiation.OfferId);
        var now = time.GetUtcNow();
        var decision = PolicyEvaluator.CanAgree(offer, consumer, negotiation.Purpose, now); // terms may have lapsed since the offer
        if (!decision.Granted)
        {
            await store.SaveNegotiationAsync(negotiation.Terminate($"denied by rule {decision.Rule}", now), cancellationToken);
            throw new PermissionDeniedException(decision.Rule, $"{decision.Explanation} (rule {decision.Rule})");
        }
        await _agreeing.WaitAsync(cancellationToken);
        try
        {
            if (await FindAsync(negotiationId, consumer, cancellationToken) is { AgreementId: { } raced })
            {
                return await AgreementOfAsync(raced, cancellationToken); // the same step, retried while the first was agreeing
            }
            var accepted = negotiation.Advance(NegotiationState.Accepted, now);
            if (ActiveAgreementFor(consumer.ParticipantId, offer.OfferId, now) is { } standing)
            {
                // One active agreement per consumer and offer: this negotiation ends in the one it has.
                await store.SaveNegotiationAsync(accepted.Advance(NegotiationState.Agreed, now, standing.AgreementId), cancellationToken);
                return standing;
            }
            var agreement = new Agreement("agreement-" + Guid.NewGuid().ToString("N"), negotiationId, offer.Provider, consumer.ParticipantId, "",
                offer.OfferId, offer.Selector, offer.AccessClasses, negotiation.Purpose, offer.Constraints.AllowEvents, now, offer.Constraints.UsageEnd, false, null,
                ConsumerAddress: negotiation.ConsumerAddress);
            await store.SaveAgreementAsync(agreement, cancellationToken);
            await store.SaveNegotiationAsync(accepted.Advance(NegotiationState.Agreed, now, agreement.AgreementId), cancellationToken);
            return agreement;
        }
        finally
        {
            _agreeing.Release();
        }
    }

    public async Task<Agreement> VerifyAgreementAsync(Caller consumer, string negotiationId, CancellationToken cancellationToken)
    {
        var negotiation = await FindAsync(negotiationId, consumer, cancellationToken) ?? throw new ResourceNotFoundException("negotiation", negotiationId);
        if (negotiation.State == NegotiationState.Agreed)
        {
            var now = time.GetUtcNow();
            await store.SaveNegotiationAsync(negotiation.Advance(NegotiationState.Verified, now).Advance(NegotiationState.Finalized, now), cancellationToken);
        }
        else if (negotiation.State != NegotiationState.Finalized)
        {
            throw new NegotiationStateException(negotiationId, negotiation.State, NegotiationState.Verified);
        }
        return await AgreementOfAsync(negotiation.AgreementId!, cancellationToken);
    }

    public async Task<IssuedToken> IssueTokenAsync(Caller consumer, string agreementId, bool singleUse, CancellationToken cancellationToken)
    {
        var agreement = await ActiveAgreementOfAsync(agreementId, consumer, cancellationToken);
        if (agreement.Consumer != consumer.ParticipantId)
        {
            throw new PermissionDeniedException(AgreementPartyRule, "Only the agreement's consumer may obtain its tokens.");
        }
        return tokens.Issue(agreement, singleUse);
    }

    /// <summary>Ends the agreement for <paramref name="reason"/>, kept in the agreement; ending it again changes nothing.</summary>
    public async Task<Agreement> TerminateAsync(Caller party, string agreementId, string? reason, CancellationToken cancellationToken)
    {
        var agreement = await store.FindAgreementAsync(agreementId, cancellationToken) ?? throw new ResourceNotFoundException("agreement", agreementId);
        if (agreement.Provider != party.ParticipantId && agreement.Consumer != party.ParticipantId)
        {
            throw new PermissionDeniedException(AgreementPartyRule, "Only the agreement's provider or consumer may terminate it.");
        }
        if (agreement.Terminated)
        {
            return agreement;
        }
        var terminated = agreement.Terminate(party.ParticipantId, reason, time.GetUtcNow());
        await store.SaveAgreementAsync(terminated, cancellationToken);
        return terminated;
    }

    /// <summary>The agreement behind a verified token, if it still stands.</summary>
    public async Task<Agreement> ActiveAgreementOfAsync(string agreementId, Caller caller, CancellationToken cancellationToken)
    {
        var agreement = await store.FindAgreementAsync(agreementId, cancellationToken);
        if (agreement is null || (agreement.Consumer != caller.ParticipantId && agreement.Provider != caller.ParticipantId))
        {
            throw new PermissionDeniedException(AgreementPartyRule, "The agreement does not exist or is not the caller's.");
        }
        if (!agreement.IsActive(time.GetUtcNow()))
        {
            throw new PermissionDeniedException("agreement.active", "The agreement has been terminated or its usage period has ended.");
        }
        return agreement;
    }

    /// <summary>Whose data a message concerns, for the audit log; empty when the id is unknown.</summary>
    public string OwnerOf(string? offerId = null, string? negotiationId = null, string? agreementId = null) =>
        (offerId is null ? null : store.Offers.FirstOrDefault(o => o.OfferId == offerId)?.Provider)
        ?? (negotiationId is null ? null : store.Negotiations.FirstOrDefault(n => n.NegotiationId == negotiationId)?.Provider)
        ?? (agreementId is null ? null : store.FindAgreement(agreementId)?.Provider)
        ?? "";

    /// <summary>The consumer's standing agreement on an offer, if it has one.</summary>
    public Agreement? ActiveAgreementFor(string consumer, string offerId, DateTimeOffset now) =>
        store.Agreements.Where(a => a.Consumer == consumer && a.OfferId == offerId && a.ProviderAddress.Length == 0 && a.IsActive(now))
            .OrderBy(a => a.AgreedAt).FirstOrDefault();

    private async Task<Negotiation?> FindAsync(string negotiationId, Caller consumer, CancellationToken cancellationToken) =>
        await store.FindNegotiationAsync(negotiationId, cancellationToken) is { } negotiation && negotiation.Consumer == consumer.ParticipantId ? negotiation : null;

    public void Dispose() => _agreeing.Dispose();

    private async Task<Agreement> AgreementOfAsync(string agreementId, CancellationToken cancellationToken) =>
        await store.FindAgreementAsync(agreementId, cancellationToken) ?? throw new ResourceNotFoundException("agreement", agreementId);
}
