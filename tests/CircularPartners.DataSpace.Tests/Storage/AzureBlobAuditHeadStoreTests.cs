using System.Security.Cryptography;
using Azure.Storage.Blobs;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Tests.Support;

namespace CircularPartners.DataSpace.Tests.Storage;

/// <summary>Witnessed heads shared by two replicas of a registry (Azurite).</summary>
public sealed class AzureBlobAuditHeadStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private SignedAuditHead Head(long sequence, string salt = "")
    {
        var entry = AuditChain.Seal(new AuditDraft("actor", "p1", "passport.get" + salt, null, [], [], null, true, null), sequence, T0, AuditChain.Genesis);
        return SignedAuditHead.Sign("p1", entry, T0.AddMinutes(sequence), _key);
    }

    private async Task<AzureBlobAuditHeadStore> ReplicaAsync(string container)
    {
        var store = AzureBlobAuditHeadStore.Witnessed(AzureBlobAuditLogContractTests.Options(azurite, container), TimeProvider.System);
        await store.LoadAsync(default);
        return store;
    }

    [Fact]
    public async Task Witness_OnAReplicaThatHasNotSeenTheOthersLaterHead_StillRefusesAHeadBehindIt()
    {
        var container = AzuriteFixture.NewContainerName();
        var a = await ReplicaAsync(container);
        var b = await ReplicaAsync(container);
        using var witnessA = new AuditWitness(a);
        using var witnessB = new AuditWitness(b);
        await witnessA.WitnessAsync(Head(5), [], default);
        await witnessB.WitnessAsync(Head(5), [], default); // b learns of 5 through the conflict; same head, taken as is

        await witnessA.WitnessAsync(Head(10), [], default);
        // b has not polled: its view still says 5, but the store's conditional create does not let 8 in behind 10.
        var behind = await Assert.ThrowsAsync<PermissionDeniedException>(() => witnessB.WitnessAsync(Head(8), [], default));
        var forked = await Assert.ThrowsAsync<PermissionDeniedException>(() => witnessB.WitnessAsync(Head(10, salt: "-rewritten"), [], default));

        Assert.Equal((AuditWitness.SequenceRule, AuditWitness.ForkRule), (behind.Rule, forked.Rule));
        Assert.Equal(10, b.LatestOf("p1")!.Sequence);
    }

    [Fact]
    public async Task AppendAsync_EveryHeadStaysStored_NoneOverwritten()
    {
        var container = AzuriteFixture.NewContainerName();
        var store = await ReplicaAsync(container);
        var heads = new[] { Head(1), Head(2), Head(3) };
        foreach (var head in heads)
        {
            await store.AppendAsync(head, default);
        }

        var blobs = new BlobContainerClient(azurite.ConnectionString, container);
        var stored = new List<string>();
        await foreach (var blob in blobs.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "audit-heads/witnessed/heads/" }))
        {
            stored.Add((await blobs.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
        }

        Assert.Equal(heads.Select(h => h.Signature), stored.Select(json => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("signature").GetString()));
        var reopened = await ReplicaAsync(container);
        Assert.Equal(heads[^1].Signature, reopened.LatestOf("p1")!.Signature);
    }

    public void Dispose() => _key.Dispose();
}
