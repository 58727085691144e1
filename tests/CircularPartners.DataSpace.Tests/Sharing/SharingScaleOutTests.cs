using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Connector;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Sharing;

/// <summary>A provider running as two replicas on one Azure Blob container (Azurite), and a consumer.</summary>
public sealed class SharingScaleOutTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly ConnectorNetwork _network = new();

    [Fact]
    public async Task SingleUseToken_UsedOnReplicaA_IsRefusedWhenReplayedOnReplicaB()
    {
        var (a, b, battery, _, token, credential) = await ReplicatedProvider.AgreeThroughReplicaAAsync(_network, azurite, singleUse: true);

        var first = await a.PassportClientWithToken(credential, token.Token).GetAsync(new GetPassportRequest { PassportId = battery.PassportId });
        var replay = await Assert.ThrowsAsync<RpcException>(() => b.PassportClientWithToken(credential, token.Token)
            .GetAsync(new GetPassportRequest { PassportId = battery.PassportId }).ResponseAsync);

        Assert.Contains("dismantlingInformation", first.Json, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, replay.StatusCode);
        Assert.Contains("already used", replay.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_IssuedThroughReplicaA_ReadsOnReplicaB_AndTerminationThroughB_IsRefusedOnA()
    {
        var (a, b, battery, negotiation, token, credential) = await ReplicatedProvider.AgreeThroughReplicaAAsync(_network, azurite);
        var readerOnA = a.PassportClientWithToken(credential, token.Token);
        var readerOnB = b.PassportClientWithToken(credential, token.Token);

        // B has not necessarily polled yet: the agreement is read from the store, the key is shared.
        var granted = await readerOnB.GetAsync(new GetPassportRequest { PassportId = battery.PassportId });
        Assert.Contains("dismantlingInformation", granted.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("supplyChainDueDiligence", granted.Json, StringComparison.Ordinal);
        await readerOnA.GetAsync(new GetPassportRequest { PassportId = battery.PassportId });

        var terminated = await b.SharingClient(SharingFlow.Manufacturer, "arterial")
            .TerminateAgreementAsync(new TerminateAgreementRequest { AgreementId = negotiation.AgreementId, Reason = "contract ended" });
        Assert.Equal(SharingFlow.Manufacturer, terminated.TerminatedBy);

        // A takes the termination in at its next poll (50 ms here); the guard only stops a hang.
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        RpcException? refused = null;
        while (refused is null)
        {
            try
            {
                await readerOnA.GetAsync(new GetPassportRequest { PassportId = battery.PassportId }, cancellationToken: hangGuard.Token);
                await Task.Delay(20, hangGuard.Token);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
            {
                refused = ex;
            }
        }
        Assert.Contains("terminated", refused.Status.Detail, StringComparison.Ordinal);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => readerOnB.GetAsync(new GetPassportRequest { PassportId = battery.PassportId }).ResponseAsync);
    }

    [Fact]
    public async Task Agreements_SurviveARestartOfEveryReplica()
    {
        var container = AzuriteFixture.NewContainerName();
        var a = _network.Add("maker-a", ScaleOutTests.AzureSettings(azurite, container));
        var offer = await a.SharingClient(SharingFlow.Manufacturer, "arterial").CreateOfferAsync(new CreateOfferRequest
        {
            Title = "Batteries",
            Selector = new DatasetSelector { UseCase = "battery" },
            AccessClasses = { "legitimate-interest" },
            Constraints = new OfferConstraints { AllowedRoles = { "venous" }, Purposes = { "recycling" } },
        });
        _network.Remove("maker-a");
        a.Dispose();

        var restarted = _network.Add("maker-c", ScaleOutTests.AzureSettings(azurite, container));

        var catalog = await restarted.SharingClient(SharingFlow.Recycler, "venous").GetCatalogAsync(new CatalogRequest());
        Assert.Equal(offer.OfferId, Assert.Single(catalog.Offers).OfferId);
    }

    public void Dispose() => _network.Dispose();
}
