using System.Text.Json;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Sharing;

public sealed class SharingFlowTests : IDisposable
{
    private readonly SharingFlow _flow = new();

    [Fact]
    public async Task Catalog_OfferForVenousRole_IsHiddenFromOtherRoles()
    {
        var recycler = _flow.Maker.SharingClient(SharingFlow.Recycler, "venous");
        var competitor = _flow.Maker.SharingClient("2010001000002", "arterial");

        Assert.Single((await recycler.GetCatalogAsync(new CatalogRequest())).Offers);
        Assert.Empty((await competitor.GetCatalogAsync(new CatalogRequest())).Offers);
    }

    [Fact]
    public async Task CreateOffer_UnknownAndContradictoryTerms_AreRejectedTogether()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => _flow.MakerSharing.CreateOfferAsync(new CreateOfferRequest
        {
            AccessClasses = { "owner", "secret" },
            Constraints = new OfferConstraints
            {
                Purposes = { "marketing" },
                AllowedRoles = { "arterial" },
                AllowEvents = true,
                ValidFrom = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.Parse("2027-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
                ValidUntil = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
            },
        }).ResponseAsync);

        var fields = RpcAssert.Violations(ex).Select(v => v.Field).ToList();
        Assert.Contains("access_classes", fields);
        Assert.Contains("constraints.purposes", fields);
        Assert.Contains("constraints.valid_until", fields);
        Assert.Contains("constraints.allow_events", fields);
    }

    [Fact]
    public async Task Negotiate_AllowedPurpose_ReachesFinalizedOnBothSides()
    {
        var (negotiation, token) = await _flow.AgreeAsync();

        Assert.Equal(NegotiationState.Finalized, negotiation.State);
        Assert.Equal(SharingFlow.Manufacturer, negotiation.Provider);
        var providerSide = (await _flow.MakerSharing.ListNegotiationsAsync(new ListNegotiationsRequest())).Negotiations.Single();
        Assert.Equal(NegotiationState.Finalized, providerSide.State);
        var agreement = (await _flow.MakerSharing.ListAgreementsAsync(new ListAgreementsRequest())).Agreements.Single();
        Assert.Equal(SharingFlow.Recycler, agreement.Consumer);
        Assert.Equal(["legitimate-interest"], agreement.AccessClasses);
        Assert.NotEmpty(token.Token);
    }

    [Fact]
    public async Task Negotiate_PurposeNotOffered_IsDeniedNamingTheRuleAndTerminated()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _flow.RecyclerSharing.NegotiateAsync(new NegotiateRequest
        {
            ProviderAddress = SharingFlow.ManufacturerAddress, OfferId = _flow.Offer.OfferId, Purpose = "research",
        }).ResponseAsync);

        Assert.Contains("offer.purposes", ex.Status.Detail, StringComparison.Ordinal);
        var mine = (await _flow.RecyclerSharing.ListNegotiationsAsync(new ListNegotiationsRequest())).Negotiations.Single();
        Assert.Equal(NegotiationState.Terminated, mine.State);
        Assert.Contains("offer.purposes", mine.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negotiate_UnknownProviderOrNone_IsRefusedAndStartsNothing()
    {
        var unknown = await RpcAssert.FailsWith(StatusCode.NotFound, () => _flow.RecyclerSharing.NegotiateAsync(new NegotiateRequest
        {
            Provider = "9990001000009", OfferId = _flow.Offer.OfferId, Purpose = "recycling",
        }).ResponseAsync);
        var none = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => _flow.RecyclerSharing.NegotiateAsync(new NegotiateRequest
        {
            OfferId = _flow.Offer.OfferId, Purpose = "recycling",
        }).ResponseAsync);

        Assert.Contains("9990001000009", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("provider_address", Assert.Single(RpcAssert.Violations(none)).Field);
        Assert.Empty((await _flow.RecyclerSharing.ListNegotiationsAsync(new ListNegotiationsRequest())).Negotiations);
    }

    [Fact]
    public async Task Get_WithToken_ReturnsGrantedFieldsOnly_WithoutToken_PublicOnly()
    {
        var (_, token) = await _flow.AgreeAsync();

        var granted = await _flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });
        var anonymous = await _flow.RecyclerAtMaker(null).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });

        Assert.Contains("dismantlingInformation", granted.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("supplyChainDueDiligence", granted.Json, StringComparison.Ordinal); // authority only
        Assert.DoesNotContain("明海町", granted.Json, StringComparison.Ordinal); // plant address: owner only
        Assert.DoesNotContain("dismantlingInformation", anonymous.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("materialComposition", anonymous.Json, StringComparison.Ordinal);
        Assert.Contains("chemistry", anonymous.Json, StringComparison.Ordinal);
        Assert.Empty(granted.ContentHash);
        using var _ = JsonDocument.Parse(granted.Json);
    }

    [Fact]
    public async Task Query_OnUngrantedField_FindsNothingUntilGranted()
    {
        var graphite = new QueryRequest { Material = { "graphite" } };
        Assert.Empty((await _flow.RecyclerAtMaker(null).QueryAsync(graphite)).Passports);

        var (_, token) = await _flow.AgreeAsync();

        var found = await _flow.RecyclerAtMaker(token.Token).QueryAsync(graphite);
        Assert.Equal(_flow.Battery.PassportId, Assert.Single(found.Passports).PassportId);
    }

    [Fact]
    public async Task TerminateByProvider_StopsTheTokenAtTheNextCall()
    {
        var (negotiation, token) = await _flow.AgreeAsync();
        var reader = _flow.RecyclerAtMaker(token.Token);
        await reader.GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });

        await _flow.MakerSharing.TerminateAgreementAsync(new TerminateAgreementRequest { AgreementId = negotiation.AgreementId, Reason = "contract ended" });

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => reader.GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => _flow.RecyclerSharing.RequestTransferAsync(new TransferRequest { AgreementId = negotiation.AgreementId }).ResponseAsync);
    }

    [Fact]
    public async Task TerminateByConsumer_StopsTheTokenAtTheProvider()
    {
        var (negotiation, token) = await _flow.AgreeAsync();

        var terminated = await _flow.RecyclerSharing.TerminateAgreementAsync(new TerminateAgreementRequest { AgreementId = negotiation.AgreementId });

        Assert.Equal(AgreementState.Terminated, terminated.State);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => _flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId }).ResponseAsync);
    }

    [Fact]
    public async Task Audit_RecordsGrantsAndDenials_AndTheChainVerifies()
    {
        var (negotiation, token) = await _flow.AgreeAsync();
        await _flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });
        await _flow.MakerSharing.TerminateAgreementAsync(new TerminateAgreementRequest { AgreementId = negotiation.AgreementId });
        await Assert.ThrowsAsync<RpcException>(() => _flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId }).ResponseAsync);

        var log = await _flow.MakerSharing.ListAuditAsync(new ListAuditRequest { Format = "csv" });
        var verification = await _flow.MakerSharing.VerifyAuditAsync(new VerifyAuditRequest());

        Assert.Contains(log.Records, r => r.Action == "passport.get" && r.Outcome == "granted" && r.Actor == SharingFlow.Recycler && r.Purpose == "recycling");
        Assert.Contains(log.Records, r => r.Action == "passport.get" && r.Outcome == "denied" && r.Reason == "agreement.active");
        Assert.Contains(log.Records, r => r.Action == "transfer.token" && r.Outcome == "granted");
        Assert.StartsWith("sequence,time,actor", log.Export, StringComparison.Ordinal);
        Assert.True(verification.Intact);
        Assert.True(verification.Entries >= 4);
    }

    public void Dispose() => _flow.Dispose();
}
