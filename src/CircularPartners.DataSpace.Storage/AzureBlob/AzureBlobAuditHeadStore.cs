using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.Errors;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>Where a log's heads stand: the slot of its latest head, and the head.</summary>
internal sealed record AuditHeadPointer(long Slot, SignedAuditHead Head);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AuditHeadPointer))]
[JsonSerializable(typeof(SignedAuditHead))]
internal sealed partial class AuditHeadBlobJsonContext : JsonSerializerContext;

/// <summary>
/// Signed audit heads in the shared container, append-only, for every replica: the connector's own
/// (<c>audit-heads/own/</c>) or those it witnesses (<c>audit-heads/witnessed/</c>).
/// <para>Each log's heads (<see cref="SignedAuditHead.WitnessKey"/>) fill numbered slots
/// <c>{store}/heads/{key}/{slot:D12}.json</c>, each created once with If-None-Match:*, so no head is
/// ever overwritten and of two replicas appending on the same view exactly one succeeds; the other
/// takes the winner in and throws <see cref="AuditHeadConflictException"/>, so its caller checks
/// again. A pointer per log, <c>{store}/latest/{key}.json</c>, names the newest slot so a replica
/// need not list every head: written after the slot, moved forward only (If-Match), and a pointer
/// left behind by a crash is caught up by the next append or start-up.</para>
/// <para>Each replica keeps the latest head per log in memory: loaded before serving
/// (<see cref="LoadAsync"/>) and refreshed every <see cref="PollInterval"/> by one listing of the
/// pointers (<see cref="FollowAsync"/>); heads change about once a minute.</para>
/// </summary>
public sealed class AzureBlobAuditHeadStore : IAuditHeadStore
{
    private const int MaxPointerAttempts = 8;
    private readonly BlobContainerClient _container;
    private readonly StoreResilience _resilience;
    private readonly TimeProvider _clock;
    private readonly StoreOutage _outage;
    private readonly string _prefix;
    private readonly Dictionary<string, Known> _view = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pointerETags = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private AzureBlobAuditHeadStore(AzureBlobStoreOptions options, TimeProvider clock, StoreOutageMonitor? outages, string store)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
        _container = options.CreateContainerClient();
        _resilience = new StoreResilience(options, clock);
        _clock = clock;
        _prefix = "audit-heads/" + store + "/";
        _outage = new StoreOutage(outages, clock);
    }

    /// <summary>The connector's own signed heads, shared by its replicas.</summary>
    public static AzureBlobAuditHeadStore OwnHeads(AzureBlobStoreOptions options, TimeProvider clock, StoreOutageMonitor? outages = null) =>
        new(options, clock, outages, "own");

    /// <summary>The heads this connector witnesses for others (and itself), shared by its replicas.</summary>
    public static AzureBlobAuditHeadStore Witnessed(AzureBlobStoreOptions options, TimeProvider clock, StoreOutageMonitor? outages = null) =>
        new(options, clock, outages, "witnessed");

    /// <summary>How often <see cref="FollowAsync"/> takes in heads appended through other replicas.</summary>
    public TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(5);

    public SignedAuditHead? Latest
    {
        get
        {
            lock (_lock)
            {
                return _view.Values.Select(k => k.Head).MaxBy(h => h.SignedAt);
            }
        }
    }

    public SignedAuditHead? LatestOf(string witnessKey)
    {
        lock (_lock)
        {
            return _view.GetValueOrDefault(witnessKey)?.Head;
        }
    }

    /// <summary>Takes in every log's latest head, and any head appended after a pointer that was left behind.</summary>
    public Task LoadAsync(CancellationToken cancellationToken) => _outage.TrackAsync(async token =>
    {
        await _resilience.RunAsync(async t => await _container.CreateIfNotExistsAsync(cancellationToken: t), token);
        await RefreshAsync(token);
        foreach (var key in Keys())
        {
            await CatchUpAsync(key, token);
        }
        return true;
    }, cancellationToken);

    /// <summary>Refreshes every <see cref="PollInterval"/> until cancelled; an outage is tried again at the next poll.</summary>
    public async Task FollowAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, _clock, cancellationToken);
                await _outage.TrackAsync(async token =>
                {
                    await RefreshAsync(token);
                    return true;
                }, cancellationToken);
            }
            catch (StoreUnavailableException)
            {
                // Logged once by the outage tracker; the next poll tries again.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public Task AppendAsync(SignedAuditHead head, CancellationToken cancellationToken) => _outage.TrackAsync(async token =>
    {
        var key = head.WitnessKey;
        var slot = (KnownOf(key)?.Slot ?? 0) + 1;
        if (!await TryCreateAsync(SlotName(key, slot), head, token))
        {
            // The slot is taken: by a retried attempt of ours, or by another replica's head.
            var stored = await ReadSlotAsync(key, slot, token)
                ?? throw new StoreUnavailableException("The audit head store answered that a head exists, then that it does not; retry shortly.");
            if (stored != head)
            {
                Take(key, new Known(slot, stored, KnownOf(key)?.PointerETag));
                await CatchUpAsync(key, token);
                throw new AuditHeadConflictException(key);
            }
        }
        Take(key, new Known(slot, head, KnownOf(key)?.PointerETag));
        await MovePointerAsync(key, new AuditHeadPointer(slot, head), token);
        return true;
    }, cancellationToken);

    /// <summary>One listing of the pointers; downloads those whose ETag changed.</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var latestPrefix = _prefix + "latest/";
        var changed = await _resilience.RunAsync(async token =>
        {
            var names = new List<string>();
            await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = latestPrefix }, token))
            {
                if (blob.Properties.ETag is not { } etag || !IsCurrent(blob.Name, etag))
                {
                    names.Add(blob.Name);
                }
            }
            return names;
        }, cancellationToken);
        foreach (var name in changed)
        {
            var (pointer, etag) = await ReadPointerAsync(name, cancellationToken);
            if (pointer is not null && etag is { } read)
            {
                RememberPointer(name, read);
                Take(pointer.Head.WitnessKey, new Known(pointer.Slot, pointer.Head, etag));
            }
        }
    }

    /// <summary>Takes in the slots after the known one (a pointer left behind, or another replica's heads).</summary>
    private async Task CatchUpAsync(string key, CancellationToken cancellationToken)
    {
        var known = KnownOf(key);
        var slot = known?.Slot ?? 0;
        while (await ReadSlotAsync(key, slot + 1, cancellationToken) is { } next)
        {
            slot++;
            Take(key, new Known(slot, next, KnownOf(key)?.PointerETag));
        }
    }

    /// <summary>Moves the log's pointer to <paramref name="pointer"/> unless it already stands there or beyond.</summary>
    private async Task MovePointerAsync(string key, AuditHeadPointer pointer, CancellationToken cancellationToken)
    {
        var name = PointerName(key);
        var etag = KnownOf(key)?.PointerETag;
        for (var attempt = 0; attempt < MaxPointerAttempts; attempt++)
        {
            var conditions = etag is { } match ? new BlobRequestConditions { IfMatch = match } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(pointer, AuditHeadBlobJsonContext.Default.AuditHeadPointer);
                var info = await _resilience.RunAsync(async token => (await _container.GetBlobClient(name)
                    .UploadAsync(new BinaryData(json), new BlobUploadOptions { Conditions = conditions }, token)).Value, cancellationToken);
                SetPointerETag(key, pointer.Slot, info.ETag);
                RememberPointer(name, info.ETag);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                var (stored, storedETag) = await ReadPointerAsync(name, cancellationToken);
                if (stored is not null && stored.Slot >= pointer.Slot)
                {
                    return; // another replica moved it as far already
                }
                etag = storedETag;
            }
        }
        // Only a hint: the slot is stored, and the next append or start-up catches the pointer up.
    }

    private async Task<bool> TryCreateAsync(string name, SignedAuditHead head, CancellationToken cancellationToken)
    {
        try
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(head, AuditHeadBlobJsonContext.Default.SignedAuditHead);
            await _resilience.RunAsync(async token => await _container.GetBlobClient(name).UploadAsync(new BinaryData(json),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, token), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private async Task<SignedAuditHead?> ReadSlotAsync(string key, long slot, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _resilience.RunAsync(async token => (await _container.GetBlobClient(SlotName(key, slot)).DownloadContentAsync(token)).Value.Content, cancellationToken);
            return JsonSerializer.Deserialize(content.ToMemory().Span, AuditHeadBlobJsonContext.Default.SignedAuditHead);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task<(AuditHeadPointer? Pointer, ETag? ETag)> ReadPointerAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _resilience.RunAsync(async token => (await _container.GetBlobClient(name).DownloadContentAsync(token)).Value, cancellationToken);
            return (JsonSerializer.Deserialize(result.Content.ToMemory().Span, AuditHeadBlobJsonContext.Default.AuditHeadPointer), result.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, null);
        }
    }

    private string SlotName(string key, long slot) => _prefix + "heads/" + BlobLayout.Key(key) + "/" + slot.ToString("D12", CultureInfo.InvariantCulture) + ".json";

    private string PointerName(string key) => _prefix + "latest/" + BlobLayout.Key(key) + ".json";

    private Known? KnownOf(string key)
    {
        lock (_lock)
        {
            return _view.GetValueOrDefault(key);
        }
    }

    private List<string> Keys()
    {
        lock (_lock)
        {
            return [.. _view.Keys];
        }
    }

    /// <summary>Takes a head into the view unless the view already holds a later slot of its log.</summary>
    private void Take(string key, Known known)
    {
        lock (_lock)
        {
            if (_view.GetValueOrDefault(key) is not { } held || held.Slot < known.Slot || (held.Slot == known.Slot && known.PointerETag is not null))
            {
                _view[key] = known;
            }
        }
    }

    private void SetPointerETag(string key, long slot, ETag etag)
    {
        lock (_lock)
        {
            if (_view.GetValueOrDefault(key) is { } held && held.Slot == slot)
            {
                _view[key] = held with { PointerETag = etag };
            }
        }
    }

    /// <summary>Whether the pointer blob was last seen with the listed ETag (listings give ETags unquoted, responses quoted).</summary>
    private bool IsCurrent(string pointerName, ETag listed)
    {
        lock (_lock)
        {
            return _pointerETags.GetValueOrDefault(pointerName) == listed.ToString().Trim('"');
        }
    }

    private void RememberPointer(string pointerName, ETag etag)
    {
        lock (_lock)
        {
            _pointerETags[pointerName] = etag.ToString().Trim('"');
        }
    }

    /// <summary>The latest head this replica knows of one log, its slot, and the ETag of the pointer it read or wrote.</summary>
    private sealed record Known(long Slot, SignedAuditHead Head, ETag? PointerETag);
}
