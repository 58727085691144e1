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

    public FileEventStore(FileStoreOptions options)
    {
        _file = new JsonLinesFile<LifecycleEvent>(Path.Combine(options.DataDirectory, "passports", "events.jsonl"), EventJsonContext.Default.LifecycleEvent);
        foreach (var lifecycleEvent in _file.ReadAll())
        {
            Add(lifecycleEvent);
        }
    }

    public async Task AppendAsync(LifecycleEvent lifecycleEvent, CancellationToken cancellationToken)
    {
        await _file.AppendAsync(lifecycleEvent, cancellationToken);
        Add(lifecycleEvent);
    }

    public IReadOnlyList<LifecycleEvent> For(string passportId) => _byPassport.GetValueOrDefault(passportId, []);

    // Readers get an immutable snapshot: each append replaces the passport's list (events per passport are few).
    private void Add(LifecycleEvent lifecycleEvent) =>
        _byPassport.AddOrUpdate(lifecycleEvent.PassportId, _ => [lifecycleEvent], (_, existing) => [.. existing, lifecycleEvent]);

    public void Dispose() => _file.Dispose();
}
