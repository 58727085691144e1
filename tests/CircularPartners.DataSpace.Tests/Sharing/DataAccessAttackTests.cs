using System.Text;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;

namespace CircularPartners.DataSpace.Tests.Sharing;

/// <summary>Each attack on a data-access token must return no data and leave a denial in the provider's audit log.</summary>
public sealed class DataAccessAttackTests : IDisposable
{
    private readonly SharingFlow _flow = new();

    [Fact]
    public async Task AnotherConsumer_UsingTheRecyclersToken_IsDenied()
    {
        var (_, token) = await _flow.AgreeAsync();
        var thief = _flow.Maker.PassportClientWithToken(_flow.Maker.CredentialFor("6010001000006", "venous"), token.Token);

        await AssertDenied(() => thief.GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId }).ResponseAsync, "token.bound-to-consumer");
    }

    [Fact]
    public async Task TokenSignedByAnotherConnector_IsDenied()
    {
        // The recycler's own connector signs tokens too, with its own key: the provider must not accept them.
        var forgerKey = global::CircularPartners.DataSpace.Connector.Sharing.DataAccessTokens.LoadOrCreateKey(_flow.Recycling.DataDirectory);
        var forger = new global::CircularPartners.DataSpace.Connector.Sharing.DataAccessTokens(forgerKey, _flow.Maker.Clock, TimeSpan.FromMinutes(5), new global::CircularPartners.DataSpace.Connector.Identity.TokenLifetime(_flow.Maker.Clock, TimeSpan.FromSeconds(30)));
        var (negotiation, _) = await _flow.AgreeAsync();
        var forged = forger.Issue(new global::CircularPartners.DataSpace.Domain.Sharing.Agreement(negotiation.AgreementId, negotiation.NegotiationId, SharingFlow.Manufacturer, SharingFlow.Recycler, "",
            "offer", new global::CircularPartners.DataSpace.Domain.Sharing.DatasetSelector([], null, null), ["authority"], "recycling", false, _flow.Maker.Clock.GetUtcNow(), null, false, null), singleUse: false);

        await AssertDenied(() => _flow.RecyclerAtMaker(forged.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId }).ResponseAsync, "token.invalid");
    }

    [Fact]
    public async Task UnsignedToken_IsDenied()
    {
        var (negotiation, _) = await _flow.AgreeAsync();
        static string B64(string s) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(s));
        var unsigned = B64("{\"alg\":\"none\"}") + "." + B64($"{{\"sub\":\"{SharingFlow.Recycler}\",\"agreement_id\":\"{negotiation.AgreementId}\",\"iss\":\"urn:circularpartners:connector\",\"aud\":\"urn:circularpartners:data-access\",\"exp\":4102444800}}") + ".";

        await AssertDenied(() => _flow.RecyclerAtMaker(unsigned).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId }).ResponseAsync, "token.invalid");
    }

    [Fact]
    public async Task ExpiredToken_IsDenied()
    {
        var (_, token) = await _flow.AgreeAsync();
        _flow.Maker.Clock.Advance(TimeSpan.FromMinutes(6));

        await AssertDenied(() => _flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId }).ResponseAsync, "token.invalid");
    }

    /// <summary>Tokens signed with the provider's real key (or its public half) whose claims or algorithm are wrong.</summary>
    [Theory]
    [InlineData("algorithm-confusion")]
    [InlineData("wrong-audience")]
    [InlineData("wrong-issuer")]
    [InlineData("not-yet-valid")]
    [InlineData("issued-in-the-future")]
    public async Task TokenWithForgedClaimsOrAlgorithm_IsDenied(string attack)
    {
        var (negotiation, _) = await _flow.AgreeAsync();
        var key = new ECDsaSecurityKey(global::CircularPartners.DataSpace.Connector.Sharing.DataAccessTokens.LoadOrCreateKey(_flow.Maker.DataDirectory));
        var now = _flow.Maker.Clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = attack == "wrong-issuer" ? "urn:circularpartners:someone-else" : "urn:circularpartners:connector",
            Audience = attack == "wrong-audience" ? "urn:circularpartners:membership" : "urn:circularpartners:data-access",
            IssuedAt = attack == "issued-in-the-future" ? now.AddHours(1) : now,
            NotBefore = attack switch { "not-yet-valid" => now.AddMinutes(2), "issued-in-the-future" => null, _ => now },
            Expires = now.AddHours(2),
            Claims = new Dictionary<string, object> { ["sub"] = SharingFlow.Recycler, ["agreement_id"] = negotiation.AgreementId, ["jti"] = attack },
            // HS256 keyed with the provider's public key: accepted by verifiers that trust the header's alg.
            SigningCredentials = attack == "algorithm-confusion"
                ? new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key.ECDsa.ExportSubjectPublicKeyInfoPem())), SecurityAlgorithms.HmacSha256)
                : new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        };
        var forged = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);

        await AssertDenied(() => _flow.RecyclerAtMaker(forged).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId }).ResponseAsync, "token.invalid");
    }

    [Fact]
    public async Task SingleUseToken_Replayed_IsDenied()
    {
        var (negotiation, _) = await _flow.AgreeAsync();
        var token = await _flow.RecyclerSharing.RequestTransferAsync(new TransferRequest { AgreementId = negotiation.AgreementId, SingleUse = true });
        var reader = _flow.RecyclerAtMaker(token.Token);

        var first = await reader.GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });
        Assert.Contains("materialComposition", first.Json, StringComparison.Ordinal);
        await AssertDenied(() => reader.GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId }).ResponseAsync, "token.single-use-replayed");
        await AssertDenied(() => reader.QueryAsync(new QueryRequest { IncludeJson = true }).ResponseAsync, "token.single-use-replayed");
    }

    [Fact]
    public async Task SingleUseToken_PresentedByAnotherConsumerFirst_StaysUnspentForItsOwner()
    {
        var (negotiation, _) = await _flow.AgreeAsync();
        var token = await _flow.RecyclerSharing.RequestTransferAsync(new TransferRequest { AgreementId = negotiation.AgreementId, SingleUse = true });
        var thief = _flow.Maker.PassportClientWithToken(_flow.Maker.CredentialFor("6010001000006", "venous"), token.Token);

        await AssertDenied(() => thief.GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId }).ResponseAsync, "token.bound-to-consumer");
        var own = await _flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });
        Assert.Contains("materialComposition", own.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReusableToken_UsedRepeatedly_KeepsWorking()
    {
        var (_, token) = await _flow.AgreeAsync();
        var reader = _flow.RecyclerAtMaker(token.Token);

        for (var call = 0; call < 3; call++)
        {
            var passport = await reader.GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });
            Assert.Contains("materialComposition", passport.Json, StringComparison.Ordinal);
        }
        Assert.NotEmpty((await reader.QueryAsync(new QueryRequest())).Passports);
    }

    [Fact]
    public async Task PassportOutsideTheAgreement_IsSeenAsWithoutToken()
    {
        var (_, token) = await _flow.AgreeAsync();
        var withToken = await _flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Cmp.PassportId });
        var withoutToken = await _flow.RecyclerAtMaker(null).GetAsync(new GetPassportRequest { PassportId = _flow.Cmp.PassportId });

        // A token never makes its holder see less, and outside its selector it grants nothing more.
        Assert.Equal(withoutToken.Json, withToken.Json);
        Assert.Contains("massKg", withToken.Json, StringComparison.Ordinal); // participant class
        Assert.DoesNotContain("concentration", withToken.Json, StringComparison.Ordinal); // legitimate-interest class
    }

    [Fact]
    public async Task ForgedRoleClaim_InMembershipCredential_IsUnauthenticated()
    {
        var credential = _flow.Maker.CredentialFor("6010001000006", "arterial");
        var parts = credential.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("arterial", "venous", StringComparison.Ordinal);
        var forged = parts[0] + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => new SharingService.SharingServiceClient(_flow.Maker.Invoker(forged))
            .GetCatalogAsync(new CatalogRequest()).ResponseAsync);
    }

    [Fact]
    public async Task ForgedRoleClaim_WithTheConsumersToken_IsUnauthenticatedAndAudited()
    {
        var (negotiation, token) = await _flow.AgreeAsync();
        var parts = _flow.Maker.CredentialFor(SharingFlow.Recycler, "venous").Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("venous", "authority", StringComparison.Ordinal);
        var forged = parts[0] + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];

        var ex = await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => _flow.Maker.PassportClientWithToken(forged, token.Token)
            .GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId }).ResponseAsync);

        Assert.DoesNotContain("{", ex.Status.Detail, StringComparison.Ordinal);
        var audit = await _flow.MakerSharing.ListAuditAsync(new ListAuditRequest());
        Assert.Contains(audit.Records, r => r.Outcome == "denied" && r.Reason == "credential.refused" && r.AgreementId == negotiation.AgreementId);
    }

    [Fact]
    public async Task SectionOutsideTheAgreement_NeverLeaves()
    {
        var (_, token) = await _flow.AgreeAsync();
        var passport = await _flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = _flow.Battery.PassportId });
        var history = await _flow.RecyclerAtMaker(token.Token).HistoryAsync(new HistoryRequest { PassportId = _flow.Battery.PassportId });
        var query = await _flow.RecyclerAtMaker(token.Token).QueryAsync(new QueryRequest { IncludeJson = true });

        foreach (var json in new[] { passport.Json }.Concat(history.Versions.Select(v => v.Json)).Concat(query.Passports.Select(p => p.Json)))
        {
            Assert.DoesNotContain("supplyChainDueDiligence", json, StringComparison.Ordinal);
            Assert.DoesNotContain("testReports", json, StringComparison.Ordinal);
        }
    }

    private async Task AssertDenied(Func<Task> call, string rule)
    {
        var ex = await RpcAssert.FailsWith(StatusCode.PermissionDenied, call);
        Assert.DoesNotContain("{", ex.Status.Detail, StringComparison.Ordinal); // no passport data in the error
        var verification = await _flow.MakerSharing.VerifyAuditAsync(new VerifyAuditRequest());
        Assert.True(verification.Intact);
        var entries = File.ReadAllLines(Path.Combine(_flow.Maker.DataDirectory, "audit", "audit.log"));
        Assert.Contains(entries, line => line.Contains("\"outcome\":\"denied\"", StringComparison.Ordinal)
            && line.Contains($"\"reason\":\"{rule}\"", StringComparison.Ordinal)
            && line.Contains($"\"actor\":", StringComparison.Ordinal));
    }

    public void Dispose() => _flow.Dispose();
}
