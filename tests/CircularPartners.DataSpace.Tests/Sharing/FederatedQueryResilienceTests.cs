using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Sharing;

/// <summary>
/// A recycler's federated query over two manufacturers when one of them is dead or stalls: the
/// answer comes back with the healthy provider's matches and a status naming the failing one.
/// The per-provider budget runs on the recycler's fake clock, which these tests move forward in
/// step with real time while the query is pending; a regression fails on a generous real-time
/// guard instead of hanging the run.
/// </summary>
public sealed class FederatedQueryResilienceTests : IDisposable
{
    private const string MakerA = "1010001000001";
    private const string MakerB = "2010001000002";
    private const string Recycler = "5010001000005";
    private const int BudgetMs = 5000;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(90);

    private readonly ConnectorNetwork _network = new();
    private readonly ConnectorHost _makerA;
    private readonly ConnectorHost _makerB;
    private readonly ConnectorHost _recycler;
    private readonly PublishRequest _battery = Passports.Request("battery");
    private readonly PublishRequest _textile = Passports.Request("textile");

    public FederatedQueryResilienceTests()
    {
        _makerA = _network.Add("maker-a", operatorId: MakerA);
        _makerB = _network.Add("maker-b", operatorId: MakerB);
        _recycler = _network.Add("recycler");
        _makerA.PassportClient(MakerA).Publish(_battery);
        _makerB.PassportClient(MakerB).Publish(_textile);
    }

    private SharingService.SharingServiceClient RecyclerSharing => _recycler.SharingClient(Recycler, "venous");

    [Fact]
    public async Task FederatedQuery_ProviderDead_AnswersWithOthersAndMarksItUnavailable()
    {
        await AgreeAsync(_makerA, MakerA, "maker-a", "battery");
        await AgreeAsync(_makerB, MakerB, "maker-b", "textile");
        await AssertBothAnswerAsync();

        _network.Remove("maker-b");
        var answer = await QueryAsync();

        AssertAnsweredByA(answer);
        var b = Assert.Single(answer.Providers, p => p.Provider == MakerB);
        Assert.Contains(b.Status, new[] { "unavailable", "timed_out" });
    }

    [Fact]
    public async Task FederatedQuery_ProviderStaysDead_OpensItsCircuitAndStopsAskingIt()
    {
        await AgreeAsync(_makerA, MakerA, "maker-a", "battery");
        await AgreeAsync(_makerB, MakerB, "maker-b", "textile");
        await AssertBothAnswerAsync();

        _network.Remove("maker-b");
        ProviderResult b = new();
        for (var query = 0; query < 10 && !b.Detail.Contains("circuit", StringComparison.Ordinal); query++)
        {
            var answer = await QueryAsync();
            AssertAnsweredByA(answer);
            b = Assert.Single(answer.Providers, p => p.Provider == MakerB);
            Assert.Equal("unavailable", b.Status);
        }

        Assert.Contains("circuit open", b.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FederatedQuery_ProviderStallsOnQuery_MarksItTimedOut()
    {
        await AgreeAsync(_makerA, MakerA, "maker-a", "battery");
        await AgreeAsync(_makerB, MakerB, "maker-b", "textile");
        await AssertBothAnswerAsync(); // both data-access tokens are now held: only the query itself stalls

        _network.Stall("maker-b");
        var answer = await QueryAsync();

        AssertAnsweredByA(answer);
        Assert.Equal("timed_out", Assert.Single(answer.Providers, p => p.Provider == MakerB).Status);
    }

    [Fact]
    public async Task FederatedQuery_ProviderStallsIssuingToken_MarksItTimedOut()
    {
        await AgreeAsync(_makerA, MakerA, "maker-a", "battery");
        Assert.Equal("ok", Assert.Single((await QueryAsync()).Providers).Status);
        await AgreeAsync(_makerB, MakerB, "maker-b", "textile"); // no token for maker-b yet

        _network.Stall("maker-b");
        var answer = await QueryAsync();

        AssertAnsweredByA(answer);
        Assert.Equal("timed_out", Assert.Single(answer.Providers, p => p.Provider == MakerB).Status);
    }

    [Fact]
    public async Task FederatedQuery_ProviderRefusesThenStallsOnLastRetry_MarksItTimedOut()
    {
        await AgreeAsync(_makerA, MakerA, "maker-a", "battery");
        Assert.Equal("ok", Assert.Single((await QueryAsync()).Providers).Status);
        await AgreeAsync(_makerB, MakerB, "maker-b", "textile");

        _network.Stall("maker-b", refusedFirst: 2); // the two first attempts fail fast, the last retry hangs
        var answer = await QueryAsync();

        AssertAnsweredByA(answer);
        Assert.Equal("timed_out", Assert.Single(answer.Providers, p => p.Provider == MakerB).Status);
    }

    private async Task AgreeAsync(ConnectorHost provider, string providerId, string name, string useCase)
    {
        var offer = await provider.SharingClient(providerId, "arterial").CreateOfferAsync(new CreateOfferRequest
        {
            Selector = new DatasetSelector { UseCase = useCase },
            AccessClasses = { "legitimate-interest" },
            Constraints = new OfferConstraints { AllowedRoles = { "venous" }, Purposes = { "recycling" } },
        });
        var negotiation = await RecyclerSharing.NegotiateAsync(new NegotiateRequest
        {
            ProviderAddress = ConnectorNetwork.AddressOf(name), OfferId = offer.OfferId, Purpose = "recycling",
        });
        Assert.Equal(NegotiationState.Finalized, negotiation.State);
    }

    private async Task AssertBothAnswerAsync()
    {
        var answer = await QueryAsync();
        Assert.All(answer.Providers, p => Assert.Equal("ok", p.Status));
        Assert.Equal(2, answer.Providers.Count);
    }

    private void AssertAnsweredByA(FederatedQueryResponse answer)
    {
        Assert.Equal(2, answer.Providers.Count);
        Assert.Equal("ok", Assert.Single(answer.Providers, p => p.Provider == MakerA).Status);
        Assert.Contains(answer.Passports, p => p.PassportId == _battery.PassportId && p.Provider == MakerA);
        Assert.DoesNotContain(answer.Passports, p => p.Provider == MakerB);
    }

    /// <summary>
    /// Runs the query while moving the recycler's clock forward at the pace of real time, so the
    /// per-provider budget and the retry delays elapse; the guard turns a hang into a failure.
    /// </summary>
    private async Task<FederatedQueryResponse> QueryAsync()
    {
        using var guard = new CancellationTokenSource(HangGuard);
        var call = RecyclerSharing.FederatedQueryAsync(new FederatedQueryRequest { TimeoutMs = BudgetMs }, cancellationToken: guard.Token).ResponseAsync;
        while (!call.IsCompleted && !guard.IsCancellationRequested)
        {
            await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None));
            _recycler.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        Assert.False(guard.IsCancellationRequested, "the federated query did not answer: a provider blocked it");
        return await call;
    }

    public void Dispose() => _network.Dispose();
}
