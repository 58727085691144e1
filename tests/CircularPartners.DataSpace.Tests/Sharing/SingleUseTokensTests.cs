using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CircularPartners.DataSpace.Tests.Sharing;

public sealed class SingleUseTokensTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly TempDirectory _data = new();
    private readonly FileSharingStore _store;
    private readonly SingleUseTokens _spent;

    public SingleUseTokensTests()
    {
        _store = new FileSharingStore(new FileStoreOptions { DataDirectory = _data.Path });
        _spent = new SingleUseTokens(_clock, _store);
    }

    private VerifiedAccess Token(string id, bool singleUse = true) =>
        new("5010001000005", "agreement", _clock.GetUtcNow().AddMinutes(5), id, singleUse);

    [Fact]
    public async Task Spend_SameIdTwice_RefusesTheSecondWithTheReplayRule()
    {
        await _spent.SpendAsync(Token("a"), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<PermissionDeniedException>(() => _spent.SpendAsync(Token("a"), CancellationToken.None));
        Assert.Equal(SingleUseTokens.ReplayRule, ex.Rule);
        await _spent.SpendAsync(Token("b"), CancellationToken.None);
    }

    [Fact]
    public async Task Spend_ReusableToken_IsNeverRemembered()
    {
        await _spent.SpendAsync(Token("a", singleUse: false), CancellationToken.None);
        await _spent.SpendAsync(Token("a", singleUse: false), CancellationToken.None);

        Assert.Equal(0, _spent.Count);
    }

    [Fact]
    public async Task Spend_AfterTokensExpired_ForgetsTheirIds()
    {
        await _spent.SpendAsync(Token("a"), CancellationToken.None);
        await _spent.SpendAsync(Token("b"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(6));

        await _spent.SpendAsync(Token("c"), CancellationToken.None);

        Assert.Equal(1, _spent.Count);
    }

    public void Dispose()
    {
        _store.Dispose();
        _data.Dispose();
    }
}
