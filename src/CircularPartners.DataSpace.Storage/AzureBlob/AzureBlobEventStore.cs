using System.Collections.Concurrent;
using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Events;
using CircularPartners.DataSpace.Storage.FileSystem;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// Lifecycle events in the shared container, one blob per event under <c>events/{passport}/</c>,
/// created once (If-None-Match:*). The name is a hash of author and document, so the same event
/// sent through two replicas at once is recorded once and both are answered with it.
/// <para>A read lists the passport's prefix (one request) and downloads only events this replica
/// has not seen yet (they never change), so an event appended through another replica is seen at
/// once, with no polling and no per-replica copy of every event.</para>
/// </summary>
public sealed class AzureBlobEventStore : IEventStore
{
    private readonly BlobRecords _blobs;
    private const int SeenLimit = 100_000;
    private readonly ConcurrentDictionary<string, LifecycleEvent> _seen = new(StringComparer.Ordinal);

    /// <param name="clock">Times retries, timeouts and the circuit breaker; real time in production.</param>
    /// <param name="outage">The container's outage monitor, which reports an outage once for every adapter on it.</param>
    public AzureBlobEventStore(AzureBlobStoreOptions options, TimeProvider clock, StoreOutageMonitor? outage = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
        _blobs = new BlobRecords(options.CreateContainerClient(), new StoreResilience(options, clock, outage), "lifecycle event");
    }

    public async Task<AppendedEvent> AppendAsync(LifecycleEvent lifecycleEvent, CancellationToken cancellationToken)
    {
        var name = BlobLayout.Event(lifecycleEvent.PassportId, lifecycleEvent.Author, lifecycleEvent.EventJson);
        var (created, stored) = await _blobs.CreateOnceAsync(name, JsonSerializer.SerializeToUtf8Bytes(lifecycleEvent, EventJsonContext.Default.LifecycleEvent), cancellationToken);
        var recorded = created ? lifecycleEvent : Read(stored.Content);
        _seen[name] = recorded;
        return new AppendedEvent(recorded, Replayed: !created);
    }

    public async Task<IReadOnlyList<LifecycleEvent>> ForAsync(string passportId, CancellationToken cancellationToken) =>
        [.. (await ReadListedAsync(BlobLayout.EventsOf(passportId), cancellationToken))
            .Where(e => e.PassportId == passportId) // a hashed key could in theory be shared
            .OrderBy(e => e.RecordedAt).ThenBy(e => e.EventId, StringComparer.Ordinal)];

    /// <summary>One listing per 5,000 events, and a download of each event this replica has not seen yet.</summary>
    public Task<IReadOnlyList<LifecycleEvent>> AllAsync(CancellationToken cancellationToken) => ReadListedAsync(BlobLayout.EventsPrefix, cancellationToken);

    private async Task<IReadOnlyList<LifecycleEvent>> ReadListedAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = await _blobs.ListAsync(prefix, cancellationToken);
        if (_seen.Count > SeenLimit)
        {
            _seen.Clear(); // bounded memory; a cold cache costs one download per event once
        }
        await Parallel.ForEachAsync(names.Where(b => !_seen.ContainsKey(b.Name)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (blob, token) =>
            {
                if (await _blobs.DownloadAsync(blob.Name, token) is { } stored)
                {
                    _seen[blob.Name] = Read(stored.Content);
                }
            });
        return [.. names.Select(b => _seen.GetValueOrDefault(b.Name)).OfType<LifecycleEvent>()];
    }

    private static LifecycleEvent Read(BinaryData content)
    {
        try
        {
            return JsonSerializer.Deserialize(content.ToMemory().Span, EventJsonContext.Default.LifecycleEvent)
                ?? throw new JsonException("An empty event record.");
        }
        catch (JsonException ex)
        {
            throw new StoreUnavailableException("A stored lifecycle event could not be read; it was written by another version or damaged.", ex);
        }
    }
}
