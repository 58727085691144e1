using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CircularPartners.DataSpace.Domain.Errors;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>A blob's content with its ETag, unquoted (listings give ETags bare, responses quoted), and the id of the write that stored it.</summary>
internal sealed record StoredBlob(BinaryData Content, ETag ETag, string? WriteId = null);

/// <summary>A blob's name and ETag (unquoted) as a listing gives them.</summary>
internal sealed record ListedBlob(string Name, ETag ETag);

/// <summary>
/// Small JSON records in the shared container, each written with an ETag condition: created once
/// (If-None-Match:*) or replaced only over the version the writer read (If-Match). Every call goes
/// through the resilience pipeline; Azure's answers stay in here: a missing blob is null, a
/// condition not met is a return value, anything else a <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed class BlobRecords(BlobContainerClient container, StoreResilience resilience, string what)
{
    private const int ListPageSize = 5000;

    /// <summary>
    /// Metadata naming the write that stored a blob, unique per write: a retried upload whose first
    /// attempt landed is recognised as this write, not mistaken for another replica's with the same bytes.
    /// </summary>
    private const string WriteIdKey = "cpdswrite";
    private volatile bool _containerReady;

    public async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady)
        {
            await RunAsync(async token => (await container.CreateIfNotExistsAsync(cancellationToken: token))?.Value, cancellationToken);
            _containerReady = true;
        }
    }

    /// <summary>The blob, or null when there is none.</summary>
    public async Task<StoredBlob?> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = await RunAsync(async token => (await container.GetBlobClient(name).DownloadContentAsync(token)).Value, cancellationToken);
            return new StoredBlob(result.Content, Unquoted(result.Details.ETag), result.Details.Metadata is { } metadata && metadata.TryGetValue(WriteIdKey, out var writeId) ? writeId : null);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The blob's current ETag, without its content; null when there is none. One request: what an idle poll costs.</summary>
    public async Task<ETag?> ETagAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return Unquoted(await RunAsync(async token => (await container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: token)).Value.ETag, cancellationToken));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates the blob unless it exists. Answers the blob as stored and whether this call wrote
    /// it; a retried upload whose first attempt landed counts as written (same content).
    /// </summary>
    public async Task<(bool Created, StoredBlob Stored)> CreateOnceAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        var (written, stored) = await WriteAsync(name, content, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken);
        return (written, stored);
    }

    /// <summary>
    /// Writes the blob only if it is still at <paramref name="expected"/> (default: only if it does
    /// not exist yet). Answers whether it wrote, and the blob as stored (the other writer's when it came first).
    /// </summary>
    public Task<(bool Written, StoredBlob Stored)> ReplaceAsync(string name, byte[] content, ETag expected, CancellationToken cancellationToken) =>
        WriteAsync(name, content, expected == default ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = Quoted(expected) }, cancellationToken);

    /// <summary>Every blob under <paramref name="prefix"/>, in name order; empty when the container does not exist yet.</summary>
    public async Task<IReadOnlyList<ListedBlob>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var listed = new List<ListedBlob>();
        string? continuation = null;
        do
        {
            Page<BlobItem>? page;
            try
            {
                page = await RunAsync(async token =>
                {
                    await foreach (var page in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, token).AsPages(continuation, ListPageSize))
                    {
                        return page;
                    }
                    return null;
                }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return listed;
            }
            if (page is null)
            {
                break;
            }
            listed.AddRange(page.Values.Where(b => b.Properties.ETag is not null).Select(b => new ListedBlob(b.Name, Unquoted(b.Properties.ETag!.Value))));
            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
        return listed;
    }

    private async Task<(bool Written, StoredBlob Stored)> WriteAsync(string name, byte[] content, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var writeId = Guid.NewGuid().ToString("N");
        var options = new BlobUploadOptions { Conditions = conditions, Metadata = new Dictionary<string, string> { [WriteIdKey] = writeId } };
        try
        {
            var info = await RunAsync(async token => (await container.GetBlobClient(name).UploadAsync(new BinaryData(content), options, token)).Value, cancellationToken);
            return (true, new StoredBlob(new BinaryData(content), Unquoted(info.ETag), writeId));
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            var stored = await DownloadAsync(name, cancellationToken)
                ?? throw new StoreUnavailableException($"The {what} record '{name}' changed and then vanished; retry shortly.", ex);
            return (stored.WriteId == writeId, stored);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            _containerReady = false; // the container was deleted underneath: recreate it on the next write
            throw new StoreUnavailableException($"The {what} store's container is missing; retry shortly.", ex);
        }
    }

    // 404, 409 and 412 come through as RequestFailedException for the callers above to interpret.
    private Task<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) => resilience.RunAsync(call, cancellationToken);

    public static ETag Unquoted(ETag etag) => SharingView.Unquoted(etag);

    private static ETag Quoted(ETag etag) => etag.ToString() is { Length: > 0 } text && text[0] != '"' && text != "*" ? new ETag('"' + text + '"') : etag;
}
