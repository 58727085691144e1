using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CircularPartners.DataSpace.Tests.Domain;

/// <summary>Who may publish on a connector, decided without a host.</summary>
public sealed class PublishPolicyTests
{
    private const string Maker = "1010001000001";
    private const string Subsidiary = "2010001000002";
    private const string Stranger = "3010001000003";
    private const string MakerBrand = "4010001123456";
    private const string OtherBrand = "8180001789012";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly InMemoryDelegationStore _store = new();
    private readonly PublishSettings _settings = new(Maker, [MakerBrand]);
    private readonly PublishPolicy _policy;
    private readonly PublishDelegations _delegations;

    public PublishPolicyTests()
    {
        _policy = new PublishPolicy(_settings, _store, _clock);
        _delegations = new PublishDelegations(_settings, _store, _clock);
    }

    private static Caller Arterial(string id) => new(id, new HashSet<string> { "arterial" });

    [Theory]
    [InlineData(Maker)]
    [InlineData(MakerBrand)]
    public void Decide_OperatorForItsOwnIdentifier_IsAdmittedAsOperator(string economicOperator) =>
        Assert.True(_policy.Decide(Arterial(Maker), economicOperator).IsOperator);

    [Fact]
    public void Decide_OperatorForAForeignIdentifier_IsDeniedByEconomicOperatorRule() =>
        AssertDenied(PublishPolicy.EconomicOperatorRule, () => _policy.Decide(Arterial(Maker), OtherBrand));

    [Fact]
    public void Decide_OperatorConfiguredForAnyIdentifier_IsAdmitted()
    {
        var any = new PublishPolicy(new PublishSettings(Maker, [PublishPolicy.AnyIdentifier]), _store, _clock);
        Assert.True(any.Decide(Arterial(Maker), OtherBrand).IsOperator);
    }

    [Fact]
    public void Admit_Stranger_IsDeniedByOperatorOrDelegateRule() =>
        AssertDenied(PublishPolicy.OperatorOrDelegateRule, () => _policy.Admit(Arterial(Stranger)));

    [Theory]
    [InlineData("venous")]
    [InlineData("authority")]
    public void Admit_WithoutTheArterialRole_IsDeniedByRoleRule(string role) =>
        AssertDenied(PublishPolicy.RoleRule, () => _policy.Admit(new Caller(Maker, new HashSet<string> { role })));

    [Fact]
    public async Task Decide_DelegateWithinItsIdentifiersOrItsOwn_IsAdmittedNotAsOperator()
    {
        await _delegations.AddAsync(Arterial(Maker), Subsidiary, [MakerBrand], null, CancellationToken.None);

        Assert.False(_policy.Decide(Arterial(Subsidiary), MakerBrand).IsOperator);
        Assert.False(_policy.Decide(Arterial(Subsidiary), Subsidiary).IsOperator);
        AssertDenied(PublishPolicy.EconomicOperatorRule, () => _policy.Decide(Arterial(Subsidiary), OtherBrand));
        AssertDenied(PublishPolicy.EconomicOperatorRule, () => _policy.Decide(Arterial(Subsidiary), null));
    }

    [Fact]
    public async Task Admit_DelegationExpired_IsDenied()
    {
        await _delegations.AddAsync(Arterial(Maker), Subsidiary, [MakerBrand], _clock.GetUtcNow().AddHours(1), CancellationToken.None);
        _ = _policy.Admit(Arterial(Subsidiary));

        _clock.Advance(TimeSpan.FromHours(1));

        AssertDenied(PublishPolicy.OperatorOrDelegateRule, () => _policy.Admit(Arterial(Subsidiary)));
    }

    [Fact]
    public async Task Admit_DelegationRemoved_IsDenied()
    {
        var delegation = await _delegations.AddAsync(Arterial(Maker), Subsidiary, [MakerBrand], null, CancellationToken.None);

        var removed = await _delegations.RemoveAsync(Arterial(Maker), delegation.DelegationId, CancellationToken.None);

        Assert.NotNull(removed.RemovedAt);
        AssertDenied(PublishPolicy.OperatorOrDelegateRule, () => _policy.Admit(Arterial(Subsidiary)));
    }

    [Fact]
    public async Task AddAsync_ByANonOperator_IsDeniedByOperatorOnlyRule()
    {
        var ex = await Assert.ThrowsAsync<PermissionDeniedException>(
            () => _delegations.AddAsync(Arterial(Subsidiary), Subsidiary, [MakerBrand], null, CancellationToken.None));
        Assert.Equal(PublishDelegations.OperatorOnlyRule, ex.Rule);
    }

    [Fact]
    public async Task AddAsync_InvalidRequest_ReportsEveryViolation()
    {
        var ex = await Assert.ThrowsAsync<PassportValidationException>(() => _delegations.AddAsync(
            Arterial(Maker), Maker, [PublishPolicy.AnyIdentifier, "with space"], _clock.GetUtcNow().AddSeconds(-1), CancellationToken.None));

        Assert.Equal(["participant_id", "economic_operators[0]", "economic_operators[1]", "expires_at"], ex.Violations.Select(v => v.Pointer));
    }

    [Fact]
    public async Task List_DelegateSeesOnlyItsOwnAndInactiveOnRequest()
    {
        var first = await _delegations.AddAsync(Arterial(Maker), Subsidiary, [MakerBrand], null, CancellationToken.None);
        await _delegations.AddAsync(Arterial(Maker), Stranger, [OtherBrand], null, CancellationToken.None);
        await _delegations.RemoveAsync(Arterial(Maker), first.DelegationId, CancellationToken.None);

        Assert.Single(_delegations.List(Arterial(Maker), includeInactive: false));
        Assert.Equal(2, _delegations.List(Arterial(Maker), includeInactive: true).Count);
        Assert.Empty(_delegations.List(Arterial(Subsidiary), includeInactive: false));
        Assert.Equal(first.DelegationId, Assert.Single(_delegations.List(Arterial(Subsidiary), includeInactive: true)).DelegationId);
    }

    private static void AssertDenied(string rule, Action decide)
    {
        var ex = Assert.Throws<PermissionDeniedException>(decide);
        Assert.Equal(rule, ex.Rule);
        Assert.Contains($"(rule {rule})", ex.Message, StringComparison.Ordinal);
    }
}
