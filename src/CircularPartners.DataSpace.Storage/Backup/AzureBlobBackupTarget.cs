using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.Backup;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.FileSystem;

namespace CircularPartners.DataSpace.Storage.Backup;

/// <summary>
/// A backup in a blob container (<see cref="BackupBlobLayout"/>). Every blob is created with
/// If-None-Match:* and never replaced, so a version offered twice (a follower resuming after a
/// crash) is found, compared by hash and left alone. Reads check each copy against the SHA-256
/// kept with it, against its own content hash and against the name it is stored under.
/// </summary>
public sealed class AzureBlobBackupTarget(BlobContainerClient container, string prefix) : IBackupTarget
{
    private const int Parallelism = 16;
    private volatile bool _containerReady;

    public AzureBlobBackupTarget(AzureBlobBackupOptions options)
        : this(options.CreateContainerClient(), options.Prefix)
    {
    }

    public string Description => container.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + prefix;

    public async Task<BackupWrite> PutVersionAsync(PassportRecord record, CancellationToken cancellationToken) =>
        await PutAsync(BackupBlobLayout.Version(prefix, record.PassportId, record.Version), StoredRecordSerializer.Serialize(record), cancellationToken);

    public async Task<BackupWrite> PutAuditHeadAsync(SignedAuditHead head, CancellationToken cancellationToken) =>
        await PutAsync(BackupBlobLayout.AuditHead(prefix, head), JsonSerializer.SerializeToUtf8Bytes(head, AuditHeadJsonContext.Default.SignedAuditHead), cancellationToken);

    public async IAsyncEnumerable<BackedUpVersion> ReadVersionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (name, content, hash) in DownloadAllAsync(prefix + BackupBlobLayout.PassportsFolder, cancellationToken))
        {
            if (BackupBlobLayout.ParseVersion(prefix, name) is not { } named)
            {
                continue; // not a version copy (a stray blob someone put there)
            }
            yield return CheckVersion(named.PassportId, named.Version, content, hash);
        }
    }

    public async IAsyncEnumerable<BackedUpAuditHead> ReadAuditHeadsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (name, content, hash) in DownloadAllAsync(prefix + BackupBlobLayout.AuditHeadsFolder, cancellationToken))
        {
            if (hash != Hashing.Sha256Hex(content.Span))
            {
                yield return new BackedUpAuditHead(name, null, "the copy does not match the SHA-256 stored with it");
                continue;
            }
            SignedAuditHead? head;
            try
            {
                head = JsonSerializer.Deserialize(content.Span, AuditHeadJsonContext.Default.SignedAuditHead);
            }
            catch (JsonException)
            {
                head = null;
            }
            yield return head is null || !head.SignatureVerifies()
                ? new BackedUpAuditHead(name, null, "the copy is not a signed head whose signature verifies")
                : new BackedUpAuditHead(name, head, null);
        }
    }

    private static BackedUpVersion CheckVersion(string passportId, long version, ReadOnlyMemory<byte> content, string? hash)
    {
        if (hash != Hashing.Sha256Hex(content.Span))
        {
            return new BackedUpVersion(passportId, version, null, "the copy does not match the SHA-256 stored with it");
        }
        PassportRecord record;
        try
        {
            record = StoredRecordSerializer.Deserialize(content.Span);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            return new BackedUpVersion(passportId, version, null, "the copy is not a readable passport version");
        }
        if (record.Version != version || (!passportId.StartsWith("sha256-", StringComparison.Ordinal) && record.PassportId != passportId))
        {
            return new BackedUpVersion(passportId, version, null, $"the copy holds {record.PassportId} v{record.Version}, not the version its name says");
        }
        if (Hashing.Sha256Hex(record.Json) != record.ContentHash)
        {
            return new BackedUpVersion(record.PassportId, version, null, "the passport body does not match its content hash");
        }
        return new BackedUpVersion(record.PassportId, version, record, null);
    }

    private async Task<BackupWrite> PutAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        var hash = Hashing.Sha256Hex(content);
        var blob = container.GetBlobClient(name);
        try
        {
            await EnsureContainerAsync(cancellationToken);
            try
            {
                await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    Metadata = new Dictionary<string, string> { [BackupBlobLayout.HashMetadata] = hash },
                }, cancellationToken);
                return BackupWrite.Stored;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                var stored = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
                return stored.Metadata.TryGetValue(BackupBlobLayout.HashMetadata, out var held) && held == hash ? BackupWrite.AlreadyPresent : BackupWrite.Conflict;
            }
        }
        catch (Exception ex) when (IsOutage(ex, cancellationToken))
        {
            throw new BackupUnavailableException($"The backup target {Description} did not answer: {Reason(ex)}", ex);
        }
    }

    /// <summary>Every blob under a folder with its content and the hash stored with it, in name order; downloads run in parallel a page at a time.</summary>
    private async IAsyncEnumerable<(string Name, ReadOnlyMemory<byte> Content, string? Hash)> DownloadAllAsync(string folder, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            Page<BlobItem>? page;
            (string, ReadOnlyMemory<byte>, string?)[] downloaded;
            try
            {
                page = await FirstPageAsync(folder, continuation, cancellationToken);
                if (page is null)
                {
                    yield break;
                }
                downloaded = new (string, ReadOnlyMemory<byte>, string?)[page.Values.Count];
                await Parallel.ForEachAsync(Enumerable.Range(0, downloaded.Length), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                    async (i, token) =>
                    {
                        var item = page.Values[i];
                        var content = (await container.GetBlobClient(item.Name).DownloadContentAsync(token)).Value;
                        downloaded[i] = (item.Name, content.Content.ToMemory(), content.Details.Metadata.TryGetValue(BackupBlobLayout.HashMetadata, out var h) ? h : null);
                    });
            }
            catch (Exception ex) when (IsOutage(ex, cancellationToken))
            {
                throw new BackupUnavailableException($"The backup target {Description} did not answer: {Reason(ex)}", ex);
            }
            foreach (var entry in downloaded)
            {
                yield return entry;
            }
            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    private async Task<Page<BlobItem>?> FirstPageAsync(string folder, string? continuation, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in container.GetBlobsAsync(new GetBlobsOptions { Prefix = folder, Traits = BlobTraits.None }, cancellationToken).AsPages(continuation, 1000))
            {
                return page;
            }
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // no container: an empty backup
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerReady = true;
        }
    }

    private static bool IsOutage(Exception ex, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && ex is RequestFailedException or HttpRequestException or IOException or OperationCanceledException or AggregateException;

    private static string Reason(Exception ex) => ex is RequestFailedException failed ? $"HTTP {failed.Status} {failed.ErrorCode}" : ex.GetType().Name;
}
