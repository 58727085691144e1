using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Extensions.Logging;

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
    private readonly CapturedLogs _recyclerLogs = new();
    private readonly ConnectorHost _makerA;
    private readonly ConnectorHost _makerB;
    private readonly ConnectorHost _recycler;
    private readonly PublishRequest _battery = Passports.Request("battery");
    private readonly PublishRequest _textile = Passports.Request("textile");

    public FederatedQueryResilienceTests()
    {
        _makerA = _network.Add("maker-a", operatorId: MakerA);
        _makerB = _network.Add("maker-b", operatorId: MakerB);
        _recycler = _network.Add("recycler", logs: _recyclerLogs);
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

    [Fact]
    public async Task FederatedQuery_ProviderHangs_TimeoutsOpenItsCircuitAndLaterQueriesDoNotWaitForIt()
    {
        await AgreeAsync(_makerA, MakerA, "maker-a", "battery");
        await AgreeAsync(_makerB, MakerB, "maker-b", "textile");
        await AssertBothAnswerAsync();

        _network.Stall("maker-b");
        var statuses = new List<string>();
        ProviderResult b = new();
        for (var query = 0; query < 10 && b.Status != "unavailable"; query++)
        {
            b = Assert.Single((await QueryAsync(step: TimeSpan.FromMilliseconds(500))).Providers, p => p.Provider == MakerB);
            statuses.Add(b.Status);
        }
        Assert.Equal("unavailable", b.Status);
        Assert.All(statuses.SkipLast(1), status => Assert.Equal("timed_out", status));

        // The circuit is open: the next query answers without the recycler's clock moving at all,
        // so nothing waited for the hung provider's budget.
        var before = _recycler.Clock.GetUtcNow();
        var answer = await QueryWithoutClockAsync();

        Assert.Equal(before, _recycler.Clock.GetUtcNow());
        AssertAnsweredByA(answer);
        b = Assert.Single(answer.Providers, p => p.Provider == MakerB);
        Assert.Equal("unavailable", b.Status);
        Assert.Contains("circuit open", b.Detail, StringComparison.Ordinal);
        Assert.Contains("not asked", b.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FederatedQuery_ProviderRecovers_IsAskedAgainAfterOneProbeIntervalForEveryAgreement()
    {
        await AgreeAsync(_makerA, MakerA, "maker-a", "battery");
        var textile = await AgreeAsync(_makerB, MakerB, "maker-b", "textile");
        var repair = await AgreeAsync(_makerB, MakerB, "maker-b", "textile", purpose: "repair");
        await AssertBothAnswerAsync();
        _network.Remove("maker-b");
        await OpenCircuitOfBAsync();

        _network.Restore("maker-b");
        var stillSkipped = Assert.Single((await QueryWithoutClockAsync()).Providers, p => p.Provider == MakerB);
        _recycler.Clock.Advance(ProviderPipelines.ProbeInterval);
        var probed = await QueryWithoutClockAsync();

        Assert.Equal("unavailable", stillSkipped.Status); // before the probe interval the circuit holds
        var b = Assert.Single(probed.Providers, p => p.Provider == MakerB);
        Assert.Equal(("ok", ""), (b.Status, b.Detail));
        Assert.Equal(new[] { textile, repair }, b.AgreementIds);
        Assert.Equal(1, b.Count);
        Assert.Single(probed.Passports, p => p.Provider == MakerB && p.PassportId == _textile.PassportId && p.AgreementId == textile);
    }

    [Fact]
    public async Task FederatedQuery_ProbeFindsProviderStillDown_ReportsItAskedAndKeepsOneOutageWarning()
    {
        await AgreeAsync(_makerA, MakerA, "maker-a", "battery");
        await AgreeAsync(_makerB, MakerB, "maker-b", "textile");
        await AssertBothAnswerAsync();
        _network.Remove("maker-b");
        await OpenCircuitOfBAsync();

        _recycler.Clock.Advance(ProviderPipelines.ProbeInterval);
        var probe = Assert.Single((await QueryAsync()).Providers, p => p.Provider == MakerB);
        for (var query = 0; query < 5; query++)
        {
            await QueryWithoutClockAsync();
        }
        _network.Restore("maker-b");
        _recycler.Clock.Advance(ProviderPipelines.ProbeInterval);
        var recovered = Assert.Single((await QueryWithoutClockAsync()).Providers, p => p.Provider == MakerB);

        Assert.Equal("unavailable", probe.Status);
        Assert.DoesNotContain("not asked", probe.Detail, StringComparison.Ordinal);
        Assert.Equal("ok", recovered.Status);
        var outage = _recyclerLogs.Entries.Where(e => e.Category.EndsWith(nameof(ProviderPipelines), StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { 1401, 1402 }, outage.Select(e => e.EventId));
        Assert.All(outage, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.All(outage, e => Assert.Contains(ConnectorNetwork.AddressOf("maker-b"), e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FederatedQuery_TwoAgreementsWithOneProvider_AnswersOneRowListingBoth()
    {
        var battery = await AgreeAsync(_makerA, MakerA, "maker-a", "battery");
        var repair = await AgreeAsync(_makerA, MakerA, "maker-a", "battery", purpose: "repair");
        var textile = await AgreeAsync(_makerB, MakerB, "maker-b", "textile");

        var answer = await QueryAsync();

        Assert.Equal(2, answer.Providers.Count);
        var a = Assert.Single(answer.Providers, p => p.Provider == MakerA);
        Assert.Equal(("ok", 1, ConnectorNetwork.AddressOf("maker-a")), (a.Status, a.Count, a.ProviderAddress));
        Assert.Equal(new[] { battery, repair }, a.AgreementIds);
        Assert.Equal(new[] { textile }, Assert.Single(answer.Providers, p => p.Provider == MakerB).AgreementIds);
        Assert.Equal(battery, Assert.Single(answer.Passports, p => p.Provider == MakerA).AgreementId);
    }

    /// <summary>Queries until maker-b's circuit is open (it is then reported as not asked).</summary>
    private async Task OpenCircuitOfBAsync()
    {
        ProviderResult b = new();
        for (var query = 0; query < 10 && !b.Detail.Contains("not asked", StringComparison.Ordinal); query++)
        {
            b = Assert.Single((await QueryAsync()).Providers, p => p.Provider == MakerB);
        }
        Assert.Contains("not asked", b.Detail, StringComparison.Ordinal);
    }

    private async Task<string> AgreeAsync(ConnectorHost provider, string providerId, string name, string useCase, string purpose = "recycling")
    {
        provider.Clock.Advance(TimeSpan.FromSeconds(1)); // agreements made in this order are this much older than the next
        var offer = await provider.SharingClient(providerId, "arterial").CreateOfferAsync(new CreateOfferRequest
        {
            Selector = new DatasetSelector { UseCase = useCase },
            AccessClasses = { "legitimate-interest" },
            Constraints = new OfferConstraints { AllowedRoles = { "venous" }, Purposes = { purpose } },
        });
        var negotiation = await RecyclerSharing.NegotiateAsync(new NegotiateRequest
        {
            ProviderAddress = ConnectorNetwork.AddressOf(name), OfferId = offer.OfferId, Purpose = purpose,
        });
        Assert.Equal(NegotiationState.Finalized, negotiation.State);
        return negotiation.AgreementId;
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
    private async Task<FederatedQueryResponse> QueryAsync(TimeSpan? step = null)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        var call = RecyclerSharing.FederatedQueryAsync(new FederatedQueryRequest { TimeoutMs = BudgetMs }, cancellationToken: guard.Token).ResponseAsync;
        while (!call.IsCompleted && !guard.IsCancellationRequested)
        {
            await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None));
            _recycler.Clock.Advance(step ?? TimeSpan.FromMilliseconds(100));
        }
        Assert.False(guard.IsCancellationRequested, "the federated query did not answer: a provider blocked it");
        return await call;
    }

    /// <summary>
    /// Runs the query with the recycler's clock standing still: it answers only if no provider's
    /// budget or retry delay had to elapse; the real-time guard turns a wait into a failure.
    /// </summary>
    private async Task<FederatedQueryResponse> QueryWithoutClockAsync()
    {
        using var guard = new CancellationTokenSource(HangGuard);
        var call = RecyclerSharing.FederatedQueryAsync(new FederatedQueryRequest { TimeoutMs = BudgetMs }, cancellationToken: guard.Token).ResponseAsync;
        await Task.WhenAny(call, Task.Delay(Timeout.InfiniteTimeSpan, guard.Token));
        Assert.True(call.IsCompleted, "the federated query waited for a provider although the clock stood still");
        return await call;
    }

    public void Dispose() => _network.Dispose();
}
