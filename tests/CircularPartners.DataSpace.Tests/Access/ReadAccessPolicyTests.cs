using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CircularPartners.DataSpace.Tests.Access;

/// <summary>The read-access decision without a host: grants per passport and refusals by rule.</summary>
public sealed class ReadAccessPolicyTests : IDisposable
{
    private const string Maker = "1010001000001";
    private const string Recycler = "5010001000005";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly TempDirectory _data = new();
    private readonly FileSharingStore _store;
    private readonly ReadAccessPolicy _policy;
    private readonly Caller _recycler = new(Recycler, new HashSet<string> { "venous" });

    public ReadAccessPolicyTests()
    {
        _store = new FileSharingStore(new FileStoreOptions { DataDirectory = _data.Path });
        _policy = new ReadAccessPolicy(new ProviderSharing(_store, new NoTokens(), _clock), new SingleUseTokens(_clock, _store));
    }

    [Fact]
    public async Task Decide_NoCredentialNoToken_GrantsThePublicLevel()
    {
        var decision = await _policy.DecideAsync(null, null, CancellationToken.None);
        Assert.Equal(AccessLevel.Public, decision.Grant!.LevelFor(Passport("battery", Maker)));
    }

    [Fact]
    public async Task Decide_MemberWithoutToken_GrantsParticipant_AndOwnerReadsAllOfItsOwn()
    {
        var member = (await _policy.DecideAsync(_recycler, null, CancellationToken.None)).Grant!;
        var owner = (await _policy.DecideAsync(new Caller(Maker, new HashSet<string> { "arterial" }), null, CancellationToken.None)).Grant!;

        Assert.Equal(AccessLevel.Participant, member.LevelFor(Passport("battery", Maker)));
        Assert.Equal(AccessLevel.Owner, owner.LevelFor(Passport("battery", Maker)));
        Assert.Equal(AccessLevel.Participant, owner.LevelFor(Passport("battery", "someone-else")));
    }

    [Fact]
    public async Task Decide_AuthorityRole_GrantsAuthorityOnEveryPassportWithoutAgreement()
    {
        var grant = (await _policy.DecideAsync(new Caller("9010001000009", new HashSet<string> { "authority" }), null, CancellationToken.None)).Grant!;
        Assert.Equal(AccessLevel.Authority, grant.LevelFor(Passport("cmp", Maker)));
        Assert.True(grant.IsAuthorityRead(Passport("cmp", Maker)));
    }

    [Fact]
    public async Task Decide_TokenOfAnActiveAgreement_RaisesTheLevelOnlyWhereTheSelectorCovers()
    {
        var agreement = await AgreeAsync("legitimate-interest", useCase: "battery");
        var grant = (await _policy.DecideAsync(_recycler, Token(agreement), CancellationToken.None)).Grant!;

        Assert.Equal(AccessLevel.LegitimateInterest, grant.LevelFor(Passport("battery", Maker)));
        Assert.Equal(AccessLevel.Participant, grant.LevelFor(Passport("cmp", Maker)));
    }

    [Fact]
    public async Task Decide_TokenGrantingLessThanTheCallersOwnLevel_NeverLowersIt()
    {
        var agreement = await AgreeAsync("public");
        var grant = (await _policy.DecideAsync(_recycler, Token(agreement), CancellationToken.None)).Grant!;
        Assert.Equal(AccessLevel.Participant, grant.LevelFor(Passport("battery", Maker)));
    }

    [Fact]
    public async Task Decide_TokenOfAnotherConsumer_IsRefusedNamingTheRule()
    {
        var agreement = await AgreeAsync("legitimate-interest");
        var decision = await _policy.DecideAsync(new Caller("7010001000007", new HashSet<string> { "venous" }), Token(agreement), CancellationToken.None);
        Assert.Null(decision.Grant);
        Assert.Equal(ReadAccessPolicy.ConsumerBindingRule, decision.Rule);
        Assert.Equal(agreement.AgreementId, decision.AgreementId);
    }

    [Fact]
    public async Task Decide_TokenWithoutCredential_IsRefused()
    {
        var agreement = await AgreeAsync("legitimate-interest");
        Assert.Equal(ReadAccessPolicy.CredentialRequiredRule, (await _policy.DecideAsync(null, Token(agreement), CancellationToken.None)).Rule);
    }

    [Fact]
    public async Task Decide_TokenOfATerminatedAgreement_IsRefused()
    {
        var agreement = await AgreeAsync("legitimate-interest");
        await _store.SaveAgreementAsync(agreement with { Terminated = true, TerminatedBy = Maker }, CancellationToken.None);
        Assert.Equal("agreement.active", (await _policy.DecideAsync(_recycler, Token(agreement), CancellationToken.None)).Rule);
    }

    [Fact]
    public async Task Decide_SingleUseTokenTwice_RefusesTheReplay()
    {
        var agreement = await AgreeAsync("legitimate-interest");
        var token = Token(agreement) with { SingleUse = true };
        Assert.NotNull((await _policy.DecideAsync(_recycler, token, CancellationToken.None)).Grant);
        Assert.Equal(SingleUseTokens.ReplayRule, (await _policy.DecideAsync(_recycler, token, CancellationToken.None)).Rule);
    }

    private async Task<Agreement> AgreeAsync(string accessClass, string? useCase = null)
    {
        var agreement = new Agreement("agreement-" + Guid.NewGuid().ToString("N"), "negotiation", Maker, Recycler, "", "offer",
            new DatasetSelector([], null, useCase), [accessClass], "recycling", false, _clock.GetUtcNow(), null, false, null);
        await _store.SaveAgreementAsync(agreement, CancellationToken.None);
        return agreement;
    }

    private VerifiedAccess Token(Agreement agreement) =>
        new(agreement.Consumer, agreement.AgreementId, _clock.GetUtcNow().AddMinutes(5), Guid.NewGuid().ToString("N"), false);

    private PassportRecord Passport(string useCase, string owner) => new("urn:uuid:" + Guid.NewGuid(), 1, owner, useCase + "/1.0", "hash",
        _clock.GetUtcNow(), _clock.GetUtcNow(), PassportStatus.Active, "{}", null, PassportFacets.Empty with { UseCase = useCase });

    public void Dispose() => _data.Dispose();

    private sealed class NoTokens : ITokenIssuer
    {
        public IssuedToken Issue(Agreement agreement, bool singleUse) => throw new NotSupportedException();
    }
}
