using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Connector;
using CircularPartners.DataSpace.Tests.Sharing;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CircularPartners.DataSpace.Tests.Audit;

/// <summary>
/// Issue 14, point 4: a provider running as two replicas on one Azure Blob container keeps one
/// audit chain. Reads made through either replica land in it, the owner lists it whole through
/// either, and it verifies.
/// </summary>
public sealed class AuditScaleOutTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const int ReadsPerReplica = 15;
    private readonly ConnectorNetwork _network = new();

    [Fact]
    public async Task ListAudit_ReadsThroughBothReplicasAtOnce_OneContiguousChainThroughEither_AndItVerifies()
    {
        var (a, b, agreementId) = await ReadThroughBothReplicasAsync();

        var throughA = (await a.SharingClient(SharingFlow.Manufacturer).ListAuditAsync(new ListAuditRequest())).Records;
        var throughB = (await b.SharingClient(SharingFlow.Manufacturer).ListAuditAsync(new ListAuditRequest())).Records;

        Assert.Equal(throughA.Select(r => r.Hash), throughB.Select(r => r.Hash));
        Assert.Equal(Enumerable.Range(1, throughA.Count).Select(i => (long)i), throughA.Select(r => r.Sequence));
        Assert.All(throughA.Skip(1).Zip(throughA), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        var reads = throughA.Where(r => r.Action == "passport.get" && r.AgreementId == agreementId && r.Outcome == "granted").ToList();
        Assert.Equal(2 * ReadsPerReplica, reads.Count);
        foreach (var replica in new[] { a, b })
        {
            var verified = await replica.SharingClient(SharingFlow.Manufacturer).VerifyAuditAsync(new VerifyAuditRequest());
            Assert.True(verified.Intact, verified.Problem);
            Assert.Equal(throughA.Count, verified.Entries);
        }
    }

    /// <summary>
    /// Both replicas sign heads of the one chain and hand them to one (shared) witness: one that is
    /// behind the other's, or signs at the same moment, must not be taken for a rolled-back log.
    /// </summary>
    [Fact]
    public async Task SignedHeads_BothReplicasSignTheSharedChain_WitnessTakesTheEnd_AndNeitherIsDegraded()
    {
        var (a, b, _) = await ReadThroughBothReplicasAsync();
        var entries = (await a.SharingClient(SharingFlow.Manufacturer).VerifyAuditAsync(new VerifyAuditRequest())).Entries;

        using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        foreach (var replica in new[] { a, b })
        {
            VerifyAuditResponse verified;
            do
            {
                // Every tick signs the head the replica knows; the other's heads reach its view within a poll.
                a.Clock.Advance(TimeSpan.FromSeconds(60));
                b.Clock.Advance(TimeSpan.FromSeconds(60));
                await Task.Delay(200, hangGuard.Token);
                verified = await replica.SharingClient(SharingFlow.Manufacturer).VerifyAuditAsync(new VerifyAuditRequest(), cancellationToken: hangGuard.Token);
            }
            while (verified.SignedHeadSequence != entries || verified.WitnessedHeadSequence != entries);
            Assert.True(verified.Intact, verified.Problem);
        }
        foreach (var replica in new[] { a, b })
        {
            var health = (await replica.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["audit"];
            Assert.Equal(HealthStatus.Healthy, health.Status);
        }
    }

    /// <summary>Two provider replicas on one fresh container; a recycler reads one passport through both at once.</summary>
    private async Task<(ConnectorHost A, ConnectorHost B, string AgreementId)> ReadThroughBothReplicasAsync()
    {
        var (a, b, battery, negotiation, token, credential) = await ReplicatedProvider.AgreeThroughReplicaAAsync(_network, azurite);

        // Both replicas append at the same moments, so their groups race for the same chain positions.
        await Task.WhenAll(new[] { a, b }.SelectMany(replica => Enumerable.Range(0, ReadsPerReplica).Select(_ =>
            replica.PassportClientWithToken(credential, token.Token).GetAsync(new GetPassportRequest { PassportId = battery.PassportId }).ResponseAsync)));
        return (a, b, negotiation.AgreementId);
    }

    public void Dispose() => _network.Dispose();
}
