using System.Security.Cryptography;
using System.Text;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Tests.Sharing;

/// <summary>
/// Release receipts (issue 13, finding 8): every read under an agreement comes with a receipt the
/// provider signs over the body actually sent; the consumer verifies it with the provider's
/// published key, and the provider's audit record holds the same hash.
/// </summary>
public sealed class ReleaseReceiptTests : IDisposable
{
    private readonly SharingFlow _flow = new();

    [Fact]
    public async Task Get_WithToken_ReceiptHashesTheBytesReceived_AndVerifiesWithThePublishedKey()
    {
        var (negotiation, token) = await _flow.AgreeAsync();

        var passport = await _flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });

        var key = await PublishedKeyAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(passport.Json))), passport.Receipt.BodySha256);
        var check = ReleaseReceipt.Verify(passport.Receipt.Jws, key, passport.Json);
        Assert.True(check.Valid, check.Problem);
        Assert.Equal((SharingFlow.Manufacturer, SharingFlow.Recycler, negotiation.AgreementId, _flow.Battery.PassportId, passport.Version),
            (check.Receipt!.Provider, check.Receipt.Consumer, check.Receipt.AgreementId, check.Receipt.PassportId, check.Receipt.Version));
        var held = (await _flow.RecyclerSharing.ListAgreementsAsync(new ListAgreementsRequest())).Agreements.Single();
        Assert.Equal(key, held.ProviderKey);
    }

    [Fact]
    public async Task Verify_TamperedBodyReceiptOrKey_Fails()
    {
        var (_, token) = await _flow.AgreeAsync();
        var passport = await _flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });
        var key = await PublishedKeyAsync();
        var parts = passport.Receipt.Jws.Split('.');
        var payload = Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace(passport.Receipt.BodySha256, new string('0', 64), StringComparison.Ordinal);
        var forgedReceipt = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var tamperedBody = ReleaseReceipt.Verify(passport.Receipt.Jws, key, passport.Json.Replace("\"", "\" ", StringComparison.Ordinal));
        var tamperedReceipt = ReleaseReceipt.Verify(forgedReceipt, key, passport.Json);
        var wrongKey = ReleaseReceipt.Verify(passport.Receipt.Jws, other.ExportSubjectPublicKeyInfoPem(), passport.Json);
        var noneAlgorithm = ReleaseReceipt.Verify($"{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"cpds-receipt+jwt\"}")}.{parts[1]}.{parts[2]}", key, passport.Json);

        Assert.False(tamperedBody.Valid);
        Assert.Contains("does not match", tamperedBody.Problem, StringComparison.Ordinal);
        Assert.False(tamperedReceipt.Valid);
        Assert.False(wrongKey.Valid);
        Assert.False(noneAlgorithm.Valid);
    }

    [Fact]
    public async Task Get_WithToken_ProviderAuditRecordHoldsTheReceiptsHash()
    {
        var (negotiation, token) = await _flow.AgreeAsync();

        var passport = await _flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });

        var audit = (await _flow.MakerSharing.ListAuditAsync(new ListAuditRequest())).Records;
        // One record per read: the release's hashes sit in the read's own record.
        var release = Assert.Single(audit, r => r.Action == "passport.get" && r.Outcome == "granted");
        Assert.Equal((SharingFlow.Recycler, negotiation.AgreementId), (release.Actor, release.AgreementId));
        Assert.Equal(passport.Receipt.BodySha256, release.Details[$"body_sha256/{passport.PassportId}/{passport.Version}"]);
    }

    [Fact]
    public async Task HistoryAndQuery_WithToken_EveryPassportReleasedCarriesAVerifyingReceipt()
    {
        var (_, token) = await _flow.AgreeAsync();
        var reader = _flow.RecyclerAtMaker(token.Token);
        var key = await PublishedKeyAsync();

        var history = await reader.HistoryAsync(new HistoryRequest { PassportId = _flow.Battery.PassportId });
        var query = await reader.QueryAsync(new QueryRequest { UseCase = "battery", IncludeJson = true });

        Assert.NotEmpty(query.Passports);
        Assert.All(history.Versions.Concat(query.Passports), p => Assert.True(ReleaseReceipt.Verify(p.Receipt.Jws, key, p.Json).Valid));
    }

    [Fact]
    public async Task Get_WithoutAgreement_HasNoReceipt()
    {
        var own = await _flow.Maker.PassportClient(SharingFlow.Manufacturer).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });
        var publicView = await _flow.RecyclerAtMaker(null).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });

        Assert.Null(own.Receipt);
        Assert.Null(publicView.Receipt);
    }

    [Fact]
    public async Task Get_WithTokenOutsideTheAgreementsSelector_HasNoReceipt()
    {
        var (_, token) = await _flow.AgreeAsync();

        var notCovered = await _flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Cmp.PassportId });

        Assert.Null(notCovered.Receipt);
        Assert.DoesNotContain((await _flow.MakerSharing.ListAuditAsync(new ListAuditRequest())).Records,
            r => r.Details.Keys.Any(k => k.StartsWith("body_sha256/", StringComparison.Ordinal)));
    }

    private async Task<string> PublishedKeyAsync() =>
        (await new ContractNegotiationService.ContractNegotiationServiceClient(_flow.Maker.Invoker(_flow.RecyclerCredential))
            .GetReleaseKeyAsync(new ReleaseKeyRequest())).PublicKeyPem;

    public void Dispose() => _flow.Dispose();
}
