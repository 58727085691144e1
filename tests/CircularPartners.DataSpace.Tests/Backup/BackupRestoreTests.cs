using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Xunit.Abstractions;

namespace CircularPartners.DataSpace.Tests.Backup;

/// <summary>
/// Issue #14 §6: a connector copies every acknowledged version (and its signed audit heads) to a
/// second blob container; after its data folder is destroyed, <c>cpds store restore</c> rebuilds
/// it and every acknowledged version is back with its hash.
/// </summary>
public sealed class BackupRestoreTests(AzuriteFixture azurite, ITestOutputHelper testOutput) : IClassFixture<AzuriteFixture>
{
    private const int PassportCount = 12;

    [Fact]
    public async Task Restore_AfterThePrimaryDataIsDestroyed_BringsBackEveryAcknowledgedVersionWithItsHash()
    {
        var container = AzuriteFixture.NewContainerName();
        using var data = new TempDirectory();
        var acknowledged = new List<Passport>();
        using (var primary = new ConnectorHost(data.Path, BackupSupport.Settings(azurite, container)))
        {
            acknowledged.AddRange(await PublishHistoriesAsync(primary.PassportClient(), PassportCount));
            var invoker = primary.Invoker(primary.CredentialFor(ConnectorHost.DefaultOperator));
            // A refused transfer is audited; moving the clock past the head interval signs the head the backup copies.
            var negotiations = new ContractNegotiationService.ContractNegotiationServiceClient(primary.Invoker(primary.CredentialFor("7010001000007", "venous")));
            await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => negotiations.IssueTokenAsync(new TransferRequest { AgreementId = "no-such-agreement" }).ResponseAsync);
            primary.Clock.Advance(TimeSpan.FromSeconds(61));
            var status = await BackupSupport.WaitForBackupAsync(invoker, s => s.PendingVersions == 0 && s.BackedUpVersions == acknowledged.Count && s.AuditHeadsCopied > 0);
            Assert.Equal(0, status.ConflictingVersions);
            Assert.Equal(0, status.DamagedVersions);
            Assert.Empty(status.Outage);
        }
        var backedUp = await BackupSupport.BackedUpAsync(azurite, container);
        Assert.Equal(acknowledged.ToDictionary(p => (p.PassportId, p.Version), p => p.ContentHash), backedUp);

        Directory.Delete(data.Path, recursive: true); // the primary's data is gone
        var (exit, output) = await BackupSupport.RestoreAsync(azurite, container, data.Path);
        Assert.Equal(0, exit);
        Assert.Contains($"restored: {acknowledged.Count} version(s) restored, 0 already present, 0 refused", output, StringComparison.Ordinal);
        Assert.Contains("audit heads: 1 restored", output, StringComparison.Ordinal);

        // Run again: idempotent, nothing written twice.
        (exit, output) = await BackupSupport.RestoreAsync(azurite, container, data.Path);
        Assert.Equal(0, exit);
        Assert.Contains($"restored: 0 version(s) restored, {acknowledged.Count} already present, 0 refused", output, StringComparison.Ordinal);

        using var restored = new ConnectorHost(data.Path, BackupSupport.Settings(azurite, container));
        var client = restored.PassportClient();
        foreach (var ack in acknowledged)
        {
            var stored = await client.GetAsync(new GetPassportRequest { PassportId = ack.PassportId, Version = ack.Version });
            Assert.Equal(ack.ContentHash, stored.ContentHash);
            Assert.Equal(ack.Status, stored.Status);
        }
        foreach (var id in acknowledged.Select(a => a.PassportId).Distinct())
        {
            var history = await client.HistoryAsync(new HistoryRequest { PassportId = id });
            Assert.Equal(acknowledged.Where(a => a.PassportId == id).Select(a => (a.Version, a.ContentHash)), history.Versions.Select(v => (v.Version, v.ContentHash)));
        }
        // The restored connector backs up to the same target: its log is new, so it offers every
        // version again, and finds each in place with the same hash (nothing rewritten, no conflict).
        var again = await BackupSupport.WaitForBackupAsync(restored.Invoker(restored.CredentialFor(ConnectorHost.DefaultOperator)),
            s => s.PendingVersions == 0 && s.BackedUpVersions == acknowledged.Count);
        Assert.Equal(acknowledged.Count, again.AlreadyPresentVersions);
        Assert.Equal(0, again.ConflictingVersions);
        testOutput.WriteLine($"{acknowledged.Count} versions of {PassportCount} passports acknowledged, backed up and restored with their hashes; lost 0");
    }

    [Fact]
    public async Task Restore_DamagedBackupBlob_RefusesItByIdAndVersionAndRestoresTheRest()
    {
        var container = AzuriteFixture.NewContainerName();
        using var data = new TempDirectory();
        List<Passport> acknowledged;
        using (var primary = new ConnectorHost(data.Path, BackupSupport.Settings(azurite, container)))
        {
            acknowledged = await PublishHistoriesAsync(primary.PassportClient(), 3);
            await BackupSupport.WaitForBackupAsync(primary.Invoker(primary.CredentialFor(ConnectorHost.DefaultOperator)),
                s => s.PendingVersions == 0 && s.BackedUpVersions == acknowledged.Count);
        }
        var victim = acknowledged.First(a => a.Version == 2);
        await DamageAsync(container, victim);

        using var fresh = new TempDirectory();
        var (exit, output) = await BackupSupport.RestoreAsync(azurite, container, fresh.Path);

        Assert.Equal(1, exit);
        Assert.Contains($"refused: {victim.PassportId} v2: the copy does not match the SHA-256 stored with it", output, StringComparison.Ordinal);
        var later = acknowledged.Where(a => a.PassportId == victim.PassportId && a.Version > 2).ToList();
        foreach (var version in later)
        {
            Assert.Contains($"refused: {victim.PassportId} v{version.Version}: not restored: v2 is damaged in the backup", output, StringComparison.Ordinal);
        }
        Assert.Contains($"{acknowledged.Count - 1 - later.Count} version(s) restored, 0 already present, {1 + later.Count} refused", output, StringComparison.Ordinal);
    }

    /// <summary>Publishes <paramref name="count"/> passports with three versions each (some withdrawn as a fourth); returns every acknowledged version.</summary>
    internal static async Task<List<Passport>> PublishHistoriesAsync(PassportService.PassportServiceClient client, int count)
    {
        var acknowledged = new List<Passport>();
        for (var n = 0; n < count; n++)
        {
            var useCase = Passports.UseCases[n % Passports.UseCases.Length];
            var first = Passports.Request(useCase);
            acknowledged.Add(await client.PublishAsync(first));
            for (var version = 2; version <= 3; version++)
            {
                var edited = Passports.Request(useCase, first.PassportId, body => body["recycledContentPercent"] = 10 * version);
                acknowledged.Add(await client.PublishAsync(new PublishRequest(edited) { ExpectedVersion = version - 1 }));
            }
            if (n % 4 == 0)
            {
                acknowledged.Add(await client.WithdrawAsync(new WithdrawRequest { PassportId = first.PassportId, Reason = "recalled" }));
            }
        }
        return acknowledged;
    }

    /// <summary>Flips one byte of a version's copy, keeping the hash stored with it (as bit rot at the provider would).</summary>
    private async Task DamageAsync(string container, Passport version)
    {
        var client = new BlobContainerClient(azurite.ConnectionString, container);
        var name = $"passports/{Uri.EscapeDataString(version.PassportId)}/{version.Version:D12}.json";
        var blob = client.GetBlobClient(name);
        var download = (await blob.DownloadContentAsync()).Value;
        var bytes = download.Content.ToArray();
        bytes[bytes.Length / 2] ^= 0x01;
        await blob.UploadAsync(new BinaryData(bytes), new BlobUploadOptions { Metadata = download.Details.Metadata });
    }
}
