using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Domain.Errors;
using Microsoft.Extensions.Time.Testing;

namespace CircularPartners.DataSpace.Tests.Sharing;

public sealed class SingleUseTokensTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private VerifiedAccess Token(string id, bool singleUse = true) =>
        new("5010001000005", "agreement", _clock.GetUtcNow().AddMinutes(5), id, singleUse);

    [Fact]
    public void Spend_SameIdTwice_RefusesTheSecondWithTheReplayRule()
    {
        var spent = new SingleUseTokens(_clock);
        spent.Spend(Token("a"));

        var ex = Assert.Throws<PermissionDeniedException>(() => spent.Spend(Token("a")));
        Assert.Equal(SingleUseTokens.ReplayRule, ex.Rule);
        spent.Spend(Token("b"));
    }

    [Fact]
    public void Spend_ReusableToken_IsNeverRemembered()
    {
        var spent = new SingleUseTokens(_clock);
        spent.Spend(Token("a", singleUse: false));
        spent.Spend(Token("a", singleUse: false));

        Assert.Equal(0, spent.Count);
    }

    [Fact]
    public void Spend_AfterTokensExpired_ForgetsTheirIds()
    {
        var spent = new SingleUseTokens(_clock);
        spent.Spend(Token("a"));
        spent.Spend(Token("b"));
        _clock.Advance(TimeSpan.FromMinutes(6));

        spent.Spend(Token("c"));

        Assert.Equal(1, spent.Count);
    }
}
