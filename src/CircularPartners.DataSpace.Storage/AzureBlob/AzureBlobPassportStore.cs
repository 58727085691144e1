using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.FileSystem;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// Passports in Azure Blob Storage, shared by any number of connector replicas.
/// <para>
/// An append first reserves version N+1 in the passport's head (If-Match on the head's ETag, or
/// If-None-Match:* when creating it), then writes the immutable version blob N+1 with
/// If-None-Match:*. Creating that blob is the commit point: exactly one writer can create it, and
/// readers only trust a head's version once its blob exists. A writer that crashes after reserving
/// leaves a head one ahead of the last blob; the next writer sees the missing blob, treats N as
/// current and takes over the reservation, so an abandoned reservation never blocks anyone and the
/// history stays contiguous. A slow writer that lost its reservation meanwhile fails on the
/// If-None-Match of the blob and reports a conflict; nothing acknowledged is ever overwritten.
/// </para>
/// <para>Between reservation and commit the version is journalled (<see cref="JournalWriter"/>) so
/// other replicas can update their query index: journalling first means a writer killed right after
/// its commit still leaves the line that tells the other replicas. A line whose version is not (yet)
/// committed is retried by the readers for a grace period, then dropped as an abandoned reservation.
/// The append is acknowledged once both are durable.</para>
/// </summary>
public sealed class AzureBlobPassportStore : IPassportStore, IPassportChangeFeed, IAsyncDisposable
{
    private const string WriterMetadata = "writer";
    private const int MaxAttempts = 64;
    private readonly BlobContainerClient _container;
    private readonly StoreResilience _resilience;
    private readonly JournalWriter _journal;
    private readonly JournalReader _journalReader;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _settleBudget;
    private volatile bool _containerReady;

    /// <param name="clock">Times retries, timeouts, the circuit breaker and journal polling; real time in production.</param>
    /// <param name="outage">Told about every storage call's outcome, to report outages once each; shared by the stores of one container.</param>
    public AzureBlobPassportStore(AzureBlobStoreOptions options, TimeProvider clock, StoreOutageMonitor? outage = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
        _container = options.CreateContainerClient();
        _resilience = new StoreResilience(options, clock, outage);
        _journal = new JournalWriter(_container, _resilience, clock);
        _clock = clock;
        // One full pass of the pipeline; the commit grace below leaves room for a commit and its settling.
        _settleBudget = TimeSpan.FromSeconds((options.MaxRetries + 1) * (options.AttemptTimeoutSeconds + 2));
        // Longer than any commit can take after its journal line: every attempt of the retried upload.
        var commitGrace = TimeSpan.FromSeconds(Math.Max(120, 2 * _settleBudget.TotalSeconds));
        _journalReader = new JournalReader(_container, _resilience, clock, TimeSpan.FromMilliseconds(options.JournalPollMilliseconds), commitGrace, this);
    }

    public async Task<PassportRecord> AppendAsync(NewPassportVersion version, long? expectedVersion, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var id = version.PassportId;
        var writer = Guid.NewGuid().ToString("N");
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // A new passport (expected 0) skips reading the head on the first try: creating the
            // head with If-None-Match:* both checks the expectation and reserves version 1.
            var (head, etag) = attempt == 0 && expectedVersion == 0 ? (null, default) : await ReadHeadAsync(id, cancellationToken);
            var current = head is null ? 0 : await CommittedVersionAsync(head, cancellationToken);
            if (expectedVersion is { } expected && expected != current)
            {
                throw new VersionConflictException(id, expected, current);
            }
            var createdAt = current == 0 || head is null ? version.PublishedAt : head.CreatedAt;
            var reservation = new PassportHead(id, current + 1, head?.Owner ?? version.Owner, createdAt);
            if (!await TryReserveAsync(reservation, etag, cancellationToken))
            {
                continue; // another writer moved the head; re-read and re-check the expectation
            }
            var record = version.ToRecord(current + 1, createdAt);
            await _journal.AppendAsync(id, record.Version, cancellationToken);
            if (await CommitAsync(record, writer, cancellationToken))
            {
                return record;
            }
            if (expectedVersion is not null)
            {
                throw new VersionConflictException(id, expectedVersion.Value, record.Version);
            }
        }
        throw new VersionConflictException(id, expectedVersion ?? 0, (await GetAsync(id, null, cancellationToken))?.Version ?? 0);
    }

    public async Task<PassportRecord?> GetAsync(string passportId, long? version, CancellationToken cancellationToken)
    {
        if (version is { } asked)
        {
            return asked < 1 ? null : await ReadVersionAsync(passportId, asked, cancellationToken);
        }
        var (head, _) = await ReadHeadAsync(passportId, cancellationToken);
        return head is null ? null : await ReadLatestOfAsync(head, cancellationToken);
    }

    public async Task<IReadOnlyList<PassportRecord>> HistoryAsync(string passportId, CancellationToken cancellationToken)
    {
        var (head, _) = await ReadHeadAsync(passportId, cancellationToken);
        if (head is null)
        {
            return [];
        }
        var versions = new PassportRecord?[head.Version];
        await Parallel.ForEachAsync(Enumerable.Range(1, (int)head.Version), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (v, token) => versions[v - 1] = await ReadVersionAsync(passportId, v, token));
        // Only the last slot may be empty: a reservation not (yet) committed.
        return [.. versions.TakeWhile(v => v is not null).Select(v => v!)];
    }

    public async IAsyncEnumerable<PassportRecord> ReadLatestAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await ListPageAsync(BlobLayout.HeadsPrefix, continuation, cancellationToken);
            if (page is null)
            {
                yield break;
            }
            var latest = new PassportRecord?[page.Values.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, latest.Length), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (i, token) => latest[i] = await ReadLatestByHeadNameAsync(page.Values[i].Name, token));
            foreach (var record in latest)
            {
                if (record is not null)
                {
                    yield return record;
                }
            }
            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    /// <summary>One page of a listing, fetched (and retried) on its own; null when the container does not exist.</summary>
    internal async Task<Page<BlobItem>?> ListPageAsync(string prefix, string? continuation, CancellationToken cancellationToken)
    {
        try
        {
            return await _resilience.RunAsync(async token =>
            {
                await foreach (var page in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, token).AsPages(continuation, 500))
                {
                    return page;
                }
                return null;
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public IAsyncEnumerable<PassportRecord> FollowAsync(CancellationToken cancellationToken) => _journalReader.FollowAsync(cancellationToken);

    private async Task<(PassportHead? Head, ETag ETag)> ReadHeadAsync(string passportId, CancellationToken cancellationToken) =>
        await ReadHeadByNameAsync(BlobLayout.Head(passportId), cancellationToken);

    private async Task<(PassportHead? Head, ETag ETag)> ReadHeadByNameAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _resilience.RunAsync(async token => (await _container.GetBlobClient(name).DownloadContentAsync(token)).Value, cancellationToken);
            return (BlobJsonContext.ReadHead(result.Content), result.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, default);
        }
    }

    private async Task<PassportRecord?> ReadLatestByHeadNameAsync(string headName, CancellationToken cancellationToken)
    {
        var (head, _) = await ReadHeadByNameAsync(headName, cancellationToken);
        return head is null ? null : await ReadLatestOfAsync(head, cancellationToken);
    }

    private async Task<PassportRecord?> ReadLatestOfAsync(PassportHead head, CancellationToken cancellationToken) =>
        await ReadVersionAsync(head.PassportId, head.Version, cancellationToken)
        ?? (head.Version > 1 ? await ReadVersionAsync(head.PassportId, head.Version - 1, cancellationToken) : null);

    private async Task<PassportRecord?> ReadVersionAsync(string passportId, long version, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _resilience.RunAsync(async token =>
                (await _container.GetBlobClient(BlobLayout.Version(passportId, version)).DownloadContentAsync(token)).Value.Content, cancellationToken);
            return StoredRecordSerializer.Deserialize(content.ToMemory().Span);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The head's version if its blob exists, else the one before (an open reservation).</summary>
    private async Task<long> CommittedVersionAsync(PassportHead head, CancellationToken cancellationToken)
    {
        try
        {
            await _resilience.RunAsync(async token => await _container.GetBlobClient(BlobLayout.Version(head.PassportId, head.Version)).GetPropertiesAsync(cancellationToken: token), cancellationToken);
            return head.Version;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return head.Version - 1;
        }
    }

    private async Task<bool> TryReserveAsync(PassportHead reservation, ETag etag, CancellationToken cancellationToken)
    {
        var conditions = etag == default ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = etag };
        try
        {
            await _resilience.RunAsync(async token => await _container.GetBlobClient(BlobLayout.Head(reservation.PassportId))
                .UploadAsync(new BinaryData(BlobJsonContext.Serialize(reservation)), new BlobUploadOptions { Conditions = conditions }, token), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// <see cref="TryCommitAsync"/>, answered only once its outcome is known. When the pipeline gives
    /// up, an attempt may still have reached the store and landed (or land later): answering
    /// UNAVAILABLE then would deny a stored version, so the commit is repeated (same bytes, same
    /// writer tag, If-None-Match) until the store answers either way. Only a store silent for the
    /// whole settle budget leaves the outcome unknown, and the answer says so; republishing the
    /// identical content is then safe, as it returns the stored version if there is one.
    /// </summary>
    private async Task<bool> CommitAsync(PassportRecord record, string writer, CancellationToken cancellationToken)
    {
        var deadline = _clock.GetUtcNow() + _settleBudget;
        while (true)
        {
            try
            {
                return await TryCommitAsync(record, writer, cancellationToken);
            }
            catch (StoreUnavailableException ex)
            {
                if (_clock.GetUtcNow() >= deadline)
                {
                    throw new StoreUnavailableException(
                        $"The store did not answer, so whether version {record.Version} of passport '{record.PassportId}' was stored is unknown. "
                        + "Publish the identical content again: if it was stored, that returns the stored version and writes nothing.", ex);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250), _clock, cancellationToken);
            }
        }
    }

    /// <summary>Creates the version blob unless it exists; true when this writer's blob is the one stored.</summary>
    private async Task<bool> TryCommitAsync(PassportRecord record, string writer, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(BlobLayout.Version(record.PassportId, record.Version));
        try
        {
            await _resilience.RunAsync(async token => await blob.UploadAsync(new BinaryData(StoredRecordSerializer.Serialize(record)), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string> { [WriterMetadata] = writer },
            }, token), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // A retried upload whose first attempt did land also ends here: the writer tag tells.
            var properties = await _resilience.RunAsync(async token => (await blob.GetPropertiesAsync(cancellationToken: token)).Value, cancellationToken);
            return properties.Metadata.TryGetValue(WriterMetadata, out var stored) && stored == writer;
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady)
        {
            await _resilience.RunAsync(async token => await _container.CreateIfNotExistsAsync(cancellationToken: token), cancellationToken);
            _containerReady = true;
        }
    }

    public ValueTask DisposeAsync() => _journal.DisposeAsync();
}
