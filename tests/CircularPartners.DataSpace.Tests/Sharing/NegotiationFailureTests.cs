using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Sharing;

/// <summary>
/// A negotiation that fails says who failed and ends: an unknown offer at the provider is
/// NOT_FOUND naming the provider, and the negotiation is terminated with that reason; an
/// unreachable provider is named as the provider, not as one's own connector.
/// </summary>
public sealed class NegotiationFailureTests : IDisposable
{
    private readonly SharingFlow _flow = new();

    [Fact]
    public async Task Negotiate_UnknownOffer_IsNotFoundNamingTheProviderAndTerminated()
    {
        var ex = await RpcAssert.FailsWith(StatusCode.NotFound, () => _flow.RecyclerSharing.NegotiateAsync(new NegotiateRequest
        {
            ProviderAddress = SharingFlow.ManufacturerAddress, OfferId = "offer-unknown", Purpose = "recycling",
        }).ResponseAsync);

        Assert.Contains(SharingFlow.ManufacturerAddress, ex.Status.Detail, StringComparison.Ordinal);
        var mine = (await _flow.RecyclerSharing.ListNegotiationsAsync(new ListNegotiationsRequest())).Negotiations.Single();
        Assert.Equal(NegotiationState.Terminated, mine.State);
        Assert.Contains("offer-unknown", mine.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negotiate_UnreachableProvider_NamesTheProviderAddress()
    {
        _flow.Network.Remove("maker");

        var ex = await RpcAssert.FailsWith(StatusCode.Unavailable, () => _flow.RecyclerSharing.NegotiateAsync(new NegotiateRequest
        {
            ProviderAddress = SharingFlow.ManufacturerAddress, OfferId = _flow.Offer.OfferId, Purpose = "recycling",
        }).ResponseAsync);

        Assert.Contains("provider", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(SharingFlow.ManufacturerAddress, ex.Status.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => _flow.Dispose();
}
