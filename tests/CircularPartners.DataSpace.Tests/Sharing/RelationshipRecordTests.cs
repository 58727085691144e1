using System.Security.Cryptography;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CircularPartners.DataSpace.Tests.Sharing;

/// <summary>
/// The record of a relationship (issue 13, finding 7): every state change of an offer,
/// negotiation, agreement and token is audited on both connectors with its ids; a termination
/// keeps its reason and reaches the other side; one active agreement per consumer and offer;
/// a federated query lists each passport once.
/// </summary>
public sealed class RelationshipRecordTests : IDisposable
{
    private readonly SharingFlow _flow = new();

    [Fact]
    public async Task Negotiate_RecordsEveryStepOnBothSides_WithOfferNegotiationAndAgreementIds()
    {
        var (negotiation, _) = await _flow.AgreeAsync();

        var provider = await AuditOf(_flow.MakerSharing);
        var consumer = await AuditOf(_flow.RecyclerSharing);
        Assert.Contains(provider, r => r.Action == "offer.create" && r.Details["offer_id"] == _flow.Offer.OfferId);
        foreach (var (action, state) in new[] { ("negotiation.request", "offered"), ("negotiation.agree", "agreed"), ("negotiation.verify", "finalized") })
        {
            var record = Assert.Single(provider, r => r.Action == action);
            Assert.Equal((state, "provider", _flow.Offer.OfferId, negotiation.NegotiationId), (record.Details["state"], record.Details["side"], record.Details["offer_id"], record.Details["negotiation_id"]));
        }
        Assert.Equal(negotiation.AgreementId, Assert.Single(provider, r => r.Action == "negotiation.agree").Details["agreement_id"]);
        Assert.Contains(provider, r => r.Action == "transfer.token" && r.AgreementId == negotiation.AgreementId && r.Details["state"] == "issued");
        var finalized = Assert.Single(consumer, r => r.Action == "negotiation.finalized");
        Assert.Equal(("consumer", _flow.Offer.OfferId, negotiation.NegotiationId, negotiation.AgreementId),
            (finalized.Details["side"], finalized.Details["offer_id"], finalized.Details["negotiation_id"], finalized.Details["agreement_id"]));
        Assert.Equal(["negotiation.requested", "negotiation.offered", "negotiation.accepted", "negotiation.agreed", "negotiation.verified", "negotiation.finalized"],
            consumer.Where(r => r.Action.StartsWith("negotiation.", StringComparison.Ordinal)).Select(r => r.Action));
        Assert.Contains(consumer, r => r.Action == "transfer.token" && r.AgreementId == negotiation.AgreementId);
    }

    [Fact]
    public async Task Negotiate_PurposeRefused_IsRecordedDeniedOnBothSidesWithTheRule()
    {
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _flow.RecyclerSharing.NegotiateAsync(new NegotiateRequest
        {
            ProviderAddress = SharingFlow.ManufacturerAddress, OfferId = _flow.Offer.OfferId, Purpose = "research",
        }).ResponseAsync);

        var refused = Assert.Single(await AuditOf(_flow.MakerSharing), r => r.Action == "negotiation.request");
        Assert.Equal(("denied", _flow.Offer.OfferId), (refused.Outcome, refused.Details["offer_id"]));
        Assert.StartsWith("offer.", refused.Reason, StringComparison.Ordinal);
        var terminated = Assert.Single(await AuditOf(_flow.RecyclerSharing), r => r.Action == "negotiation.terminated");
        Assert.Equal(("denied", refused.Reason, refused.Details["negotiation_id"]), (terminated.Outcome, terminated.Reason, terminated.Details["negotiation_id"]));
    }

    [Fact]
    public async Task Terminate_ByConsumerWithReason_KeepsTheReasonInBothAgreementsAndBothAudits()
    {
        var (negotiation, _) = await _flow.AgreeAsync();

        await _flow.RecyclerSharing.TerminateAgreementAsync(new TerminateAgreementRequest { AgreementId = negotiation.AgreementId, Reason = "contract ended" });

        foreach (var side in new[] { _flow.MakerSharing, _flow.RecyclerSharing })
        {
            var agreement = (await side.ListAgreementsAsync(new ListAgreementsRequest())).Agreements.Single();
            Assert.Equal((AgreementState.Terminated, SharingFlow.Recycler, "contract ended"), (agreement.State, agreement.TerminatedBy, agreement.TerminationReason));
            Assert.NotNull(agreement.TerminatedAt);
            var record = Assert.Single(await AuditOf(side), r => r.Action == "agreement.terminate");
            Assert.Equal((SharingFlow.Recycler, "contract ended", negotiation.AgreementId, negotiation.NegotiationId, _flow.Offer.OfferId),
                (record.Actor, record.Reason, record.AgreementId, record.Details["negotiation_id"], record.Details["offer_id"]));
        }
    }

    [Fact]
    public async Task Terminate_ByProvider_ConsumerConnectorRecordsItTerminatedByTheProviderWithTheReason()
    {
        var (negotiation, _) = await _flow.AgreeAsync();

        await _flow.MakerSharing.TerminateAgreementAsync(new TerminateAgreementRequest { AgreementId = negotiation.AgreementId, Reason = "product recall" });

        var held = (await _flow.RecyclerSharing.ListAgreementsAsync(new ListAgreementsRequest())).Agreements.Single();
        Assert.Equal((AgreementState.Terminated, SharingFlow.Manufacturer, "product recall"), (held.State, held.TerminatedBy, held.TerminationReason));
        var told = Assert.Single(await AuditOf(_flow.RecyclerSharing), r => r.Action == "agreement.terminated");
        Assert.Equal((SharingFlow.Manufacturer, "product recall", negotiation.AgreementId), (told.Actor, told.Reason, told.AgreementId));
        var provider = await AuditOf(_flow.MakerSharing);
        Assert.Contains(provider, r => r.Action == "agreement.terminate" && r.Reason == "product recall" && r.Actor == SharingFlow.Manufacturer);
        Assert.Equal("granted", Assert.Single(provider, r => r.Action == "agreement.terminate.notify").Outcome);
    }

    [Fact]
    public async Task Terminate_ByProvider_ConsumerConnectorDown_StillEndsTheAgreementAndRecordsTheUndeliveredNotice()
    {
        var (negotiation, token) = await _flow.AgreeAsync();
        _flow.Network.Remove("recycler");

        var terminated = await _flow.MakerSharing.TerminateAgreementAsync(new TerminateAgreementRequest { AgreementId = negotiation.AgreementId, Reason = "product recall" });

        Assert.Equal(AgreementState.Terminated, terminated.State);
        var notice = Assert.Single(await AuditOf(_flow.MakerSharing), r => r.Action == "agreement.terminate.notify");
        Assert.Equal("denied", notice.Outcome);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _flow.RecyclerAtMaker(token.Token)
            .GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId }).ResponseAsync);
    }

    [Fact]
    public async Task NotifyTermination_NoticeSignedWithAnotherKey_IsRefusedAndTheAgreementStands()
    {
        var (negotiation, _) = await _flow.AgreeAsync();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "cpds-termination+jwt",
            Issuer = SharingFlow.Manufacturer,
            Audience = SharingFlow.Recycler,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(attacker), SecurityAlgorithms.EcdsaSha256),
            Claims = new Dictionary<string, object> { ["agreement_id"] = negotiation.AgreementId, ["terminated_by"] = SharingFlow.Manufacturer, ["reason"] = "forged" },
        });

        var anonymous = new ContractNegotiationService.ContractNegotiationServiceClient(_flow.Recycling.Invoker(null));
        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => anonymous.NotifyTerminationAsync(new TerminationNotice { Notice = forged }).ResponseAsync);

        Assert.Equal("termination.notice-invalid", ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["rule"]);
        Assert.Equal(AgreementState.Active, (await _flow.RecyclerSharing.ListAgreementsAsync(new ListAgreementsRequest())).Agreements.Single().State);
    }

    [Fact]
    public async Task Negotiate_SameOfferTwice_ReturnsTheFirstAgreement()
    {
        var (first, _) = await _flow.AgreeAsync();

        var again = await _flow.RecyclerSharing.NegotiateAsync(new NegotiateRequest { ProviderAddress = SharingFlow.ManufacturerAddress, OfferId = _flow.Offer.OfferId, Purpose = "repair" });

        Assert.Equal((first.AgreementId, NegotiationState.Finalized), (again.AgreementId, again.State));
        Assert.Single((await _flow.MakerSharing.ListAgreementsAsync(new ListAgreementsRequest())).Agreements);
        Assert.Single((await _flow.RecyclerSharing.ListAgreementsAsync(new ListAgreementsRequest())).Agreements);
    }

    [Fact]
    public async Task AcceptOffer_SecondNegotiationSentStraightToTheProvider_EndsInTheFirstAgreement()
    {
        var (first, _) = await _flow.AgreeAsync();
        var direct = new ContractNegotiationService.ContractNegotiationServiceClient(_flow.Maker.Invoker(_flow.RecyclerCredential));

        await direct.RequestContractAsync(new ContractRequest { NegotiationId = "negotiation-direct", OfferId = _flow.Offer.OfferId, Purpose = "repair" });
        var agreement = await direct.AcceptOfferAsync(new NegotiationStep { NegotiationId = "negotiation-direct" });

        Assert.Equal(first.AgreementId, agreement.AgreementId);
        Assert.Single((await _flow.MakerSharing.ListAgreementsAsync(new ListAgreementsRequest())).Agreements, a => a.State == AgreementState.Active);
    }

    [Fact]
    public async Task FederatedQuery_PassportUnderTwoAgreements_IsListedOnce()
    {
        await _flow.AgreeAsync();
        var second = await _flow.MakerSharing.CreateOfferAsync(new CreateOfferRequest
        {
            Title = "The same batteries, for repairers",
            Selector = new DatasetSelector { PassportIds = { _flow.Battery.PassportId } },
            AccessClasses = { "legitimate-interest" },
            Constraints = new OfferConstraints { AllowedRoles = { "venous" }, Purposes = { "repair" } },
        });
        await _flow.RecyclerSharing.NegotiateAsync(new NegotiateRequest { ProviderAddress = SharingFlow.ManufacturerAddress, OfferId = second.OfferId, Purpose = "repair" });

        var result = await _flow.RecyclerSharing.FederatedQueryAsync(new FederatedQueryRequest { UseCase = "battery" });

        Assert.Equal(2, Assert.Single(result.Providers).AgreementIds.Count);
        Assert.Single(result.Passports, p => p.PassportId == _flow.Battery.PassportId);
    }

    private static async Task<IReadOnlyList<AuditRecord>> AuditOf(SharingService.SharingServiceClient side) =>
        (await side.ListAuditAsync(new ListAuditRequest())).Records;

    public void Dispose() => _flow.Dispose();
}
