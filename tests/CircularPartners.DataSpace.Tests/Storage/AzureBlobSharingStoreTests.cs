using System.Security.Cryptography;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

public sealed class AzureBlobSharingStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly AzureBlobStoreOptions _options = new() { ConnectionString = azurite.ConnectionString, ContainerName = AzuriteFixture.NewContainerName(), JournalPollMilliseconds = 20 };

    private async Task<AzureBlobSharingStore> OpenAsync()
    {
        var store = new AzureBlobSharingStore(_options, TimeProvider.System);
        await store.LoadAsync(default);
        return store;
    }

    private static Offer NewOffer(string id) => new(id, "1010001000001", new DatasetSelector([], null, "battery"), ["legitimate-interest"],
        new OfferConstraints(["venous"], [], ["recycling"], null, null, null, false), "Batteries", Now);

    private static Agreement NewAgreement(string id) => new(id, "negotiation-1", "1010001000001", "5010001000005", "", "offer-1",
        new DatasetSelector([], null, "battery"), ["legitimate-interest"], "recycling", false, Now, null, false, null);

    [Fact]
    public async Task Save_ThenReopen_ReloadsTheLatestOfEachRecord()
    {
        var store = await OpenAsync();
        var requested = new Negotiation("negotiation-1", "1010001000001", "5010001000005", "", "offer-1", "recycling", NegotiationState.Requested, null, null, Now);
        await store.SaveOfferAsync(NewOffer("offer-1"), default);
        await store.SaveNegotiationAsync(requested, default);
        await store.SaveNegotiationAsync(requested.Advance(NegotiationState.Offered, Now), default);
        await store.SaveAgreementAsync(NewAgreement("agreement-1"), default);
        await store.SaveAgreementAsync(NewAgreement("agreement-1") with { Terminated = true, TerminatedBy = "1010001000001" }, default);

        var reopened = await OpenAsync();

        Assert.Equal("offer-1", Assert.Single(reopened.Offers).OfferId);
        Assert.Equal(NegotiationState.Offered, Assert.Single(reopened.Negotiations).State);
        Assert.True(Assert.Single(reopened.Agreements).Terminated);
        Assert.Equal(reopened.FindAgreement("agreement-1"), await reopened.FindAgreementAsync("agreement-1", default));
    }

    [Fact]
    public async Task SaveDelegation_RemovedThroughOneReplica_IsSeenRemovedByAnotherAndAfterReopen()
    {
        var a = await OpenAsync();
        var b = await OpenAsync();
        var delegation = new Delegation("delegation-1", "2010001000002", ["1120001345678"], null, "1010001000001", Now, null);
        await a.SaveDelegationAsync(delegation, default);
        await b.RefreshAsync(default);
        Assert.True(Assert.Single(b.Delegations).IsInForce(Now));

        await a.SaveDelegationAsync(delegation with { RemovedAt = Now }, default);
        await b.RefreshAsync(default);
        var reopened = await OpenAsync();

        Assert.False(Assert.Single(b.Delegations).IsInForce(Now));
        Assert.Equal(Now, Assert.Single(reopened.Delegations).RemovedAt);
    }

    [Fact]
    public async Task FindAgreementAsync_SavedThroughOtherReplicaAMomentAgo_IsReadFromTheStore()
    {
        var a = await OpenAsync();
        var b = await OpenAsync(); // not following: only the direct read can find it

        await a.SaveAgreementAsync(NewAgreement("agreement-2"), default);

        Assert.Null(b.FindAgreement("agreement-2"));
        Assert.Equal("agreement-2", (await b.FindAgreementAsync("agreement-2", default))?.AgreementId);
        Assert.NotNull(b.FindAgreement("agreement-2"));
        Assert.Null(await b.FindAgreementAsync("agreement-unknown", default));
    }

    [Fact]
    public async Task FindNegotiationAsync_StepAnsweredByOtherReplica_ReturnsTheLatestState()
    {
        var a = await OpenAsync();
        var requested = new Negotiation("negotiation-5", "1010001000001", "5010001000005", "", "offer-5", "recycling", NegotiationState.Requested, null, null, Now);
        await a.SaveOfferAsync(NewOffer("offer-5"), default);
        await a.SaveNegotiationAsync(requested, default);
        var b = await OpenAsync(); // holds "requested", not following

        await a.SaveNegotiationAsync(requested.Advance(NegotiationState.Offered, Now), default);

        Assert.Equal(NegotiationState.Offered, (await b.FindNegotiationAsync("negotiation-5", default))?.State);
        Assert.Equal("offer-5", (await b.FindOfferAsync("offer-5", default))?.OfferId);
        Assert.Null(await b.FindNegotiationAsync("negotiation-unknown", default));
        Assert.Null(await b.FindOfferAsync("offer-unknown", default));
    }

    [Fact]
    public async Task Follow_TerminationThroughOtherReplica_IsTakenInWithinBoundedTime()
    {
        var a = await OpenAsync();
        await a.SaveAgreementAsync(NewAgreement("agreement-3"), default);
        var b = await OpenAsync();
        using var stop = new CancellationTokenSource();
        var following = b.FollowAsync(stop.Token);

        await a.SaveAgreementAsync(NewAgreement("agreement-3") with { Terminated = true, TerminatedBy = "5010001000005" }, default);

        using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (b.FindAgreement("agreement-3") is not { Terminated: true })
        {
            await Task.Delay(10, hangGuard.Token);
        }
        await stop.CancelAsync();
        await following;
    }

    [Fact]
    public async Task SaveAgreement_StaleCopyWithoutTermination_DoesNotRevokeTheTermination()
    {
        var a = await OpenAsync();
        await a.SaveAgreementAsync(NewAgreement("agreement-4") with { Terminated = true, TerminatedBy = "1010001000001" }, default);
        var b = await OpenAsync();

        await a.SaveAgreementAsync(NewAgreement("agreement-4"), default); // a replica acting on a stale view
        await b.RefreshAsync(default);

        Assert.True(a.FindAgreement("agreement-4")!.Terminated);
        Assert.True(b.FindAgreement("agreement-4")!.Terminated);
        Assert.True((await OpenAsync()).FindAgreement("agreement-4")!.Terminated);
    }

    [Fact]
    public async Task LoadAsync_ReplicasStartingTogether_ShareOneTokenSigningKey()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync()));

        var keys = stores.Select(store =>
        {
            using var key = store.CreateTokenSigningKey();
            return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        }).Distinct();

        Assert.Single(keys);
        using var reopened = (await OpenAsync()).CreateTokenSigningKey();
        Assert.Equal(keys.Single(), Convert.ToBase64String(reopened.ExportSubjectPublicKeyInfo()));
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, reopened.ExportParameters(false).Curve.Oid.Value);
    }
}
