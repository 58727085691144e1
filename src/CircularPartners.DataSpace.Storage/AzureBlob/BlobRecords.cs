using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CircularPartners.DataSpace.Domain.Errors;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>A blob's content with its ETag, unquoted (listings give ETags bare, responses quoted).</summary>
internal sealed record StoredBlob(BinaryData Content, ETag ETag);

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
            return new StoredBlob(result.Content, Unquoted(result.Details.ETag));
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
        if (await WriteAsync(name, content, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken) is { } etag)
        {
            return (true, new StoredBlob(new BinaryData(content), etag));
        }
        var stored = await DownloadAsync(name, cancellationToken)
            ?? throw new StoreUnavailableException($"The {what} record '{name}' was reported present and then missing; retry shortly.");
        return (stored.Content.ToMemory().Span.SequenceEqual(content), stored);
    }

    /// <summary>
    /// Writes the blob only if it is still at <paramref name="expected"/> (default: only if it does
    /// not exist yet). Answers the new ETag, or null when another writer came first.
    /// </summary>
    public Task<ETag?> ReplaceAsync(string name, byte[] content, ETag expected, CancellationToken cancellationToken) =>
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

    private async Task<ETag?> WriteAsync(string name, byte[] content, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        try
        {
            var info = await RunAsync(async token => (await container.GetBlobClient(name).UploadAsync(new BinaryData(content),
                new BlobUploadOptions { Conditions = conditions }, token)).Value, cancellationToken);
            return Unquoted(info.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
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
