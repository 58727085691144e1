using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using CircularPartners.DataSpace.Domain.Events;

namespace CircularPartners.DataSpace.Storage.FileSystem;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LifecycleEvent))]
internal sealed partial class EventJsonContext : JsonSerializerContext;

/// <summary>Lifecycle events as a journal under <c>{DataDirectory}/passports/events.jsonl</c>, indexed by passport.</summary>
public sealed class FileEventStore : IEventStore, IDisposable
{
    private readonly JsonLinesFile<LifecycleEvent> _file;
    private readonly ConcurrentDictionary<string, IReadOnlyList<LifecycleEvent>> _byPassport = new(StringComparer.Ordinal);
    // The replay check and the append are one step, so the same event sent twice at once is recorded once.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public FileEventStore(FileStoreOptions options)
    {
        _file = new JsonLinesFile<LifecycleEvent>(Path.Combine(options.DataDirectory, "passports", "events.jsonl"), EventJsonContext.Default.LifecycleEvent);
        foreach (var lifecycleEvent in _file.ReadAll())
        {
            Add(lifecycleEvent);
        }
    }

    public async Task<AppendedEvent> AppendAsync(LifecycleEvent lifecycleEvent, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (For(lifecycleEvent.PassportId).FirstOrDefault(e => e.Author == lifecycleEvent.Author && e.EventJson == lifecycleEvent.EventJson) is { } recorded)
            {
                return new AppendedEvent(recorded, Replayed: true);
            }
            await _file.AppendAsync(lifecycleEvent, cancellationToken);
            Add(lifecycleEvent);
            return new AppendedEvent(lifecycleEvent, Replayed: false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<IReadOnlyList<LifecycleEvent>> ForAsync(string passportId, CancellationToken cancellationToken) => Task.FromResult(For(passportId));

    public Task<IReadOnlyList<LifecycleEvent>> AllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LifecycleEvent>>([.. _byPassport.Values.SelectMany(events => events)]);

    private IReadOnlyList<LifecycleEvent> For(string passportId) => _byPassport.GetValueOrDefault(passportId, []);

    // Readers get an immutable snapshot: each append replaces the passport's list (events per passport are few).
    private void Add(LifecycleEvent lifecycleEvent) =>
        _byPassport.AddOrUpdate(lifecycleEvent.PassportId, _ => [lifecycleEvent], (_, existing) => [.. existing, lifecycleEvent]);

    public void Dispose()
    {
        _file.Dispose();
        _gate.Dispose();
    }
}
