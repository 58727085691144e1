using System.Text.Json;
using System.Text.Json.Serialization;
using CircularPartners.DataSpace.Domain.Audit;

namespace CircularPartners.DataSpace.Storage.FileSystem;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AuditEntry))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;

/// <summary>
/// The audit log as JSON lines under <c>{DataDirectory}/audit/audit.log</c>, each entry flushed
/// to disk before the call it records is answered. The chain continues across restarts.
/// </summary>
public sealed class FileAuditLog : IAuditLog, IDisposable
{
    private readonly string _path;
    private readonly JsonLinesFile<AuditEntry> _file;
    private readonly List<AuditEntry> _entries;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public FileAuditLog(FileStoreOptions options, TimeProvider time)
    {
        _path = Path.Combine(options.DataDirectory, "audit", "audit.log");
        _file = new JsonLinesFile<AuditEntry>(_path, AuditJsonContext.Default.AuditEntry);
        _entries = [.. _file.ReadAll()];
        _time = time;
    }

    public async Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken)
    {
        AuditEntry entry;
        Task durable;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Sealed and queued in chain order under the gate; the flush is awaited outside it, so
            // concurrent access decisions share one disk flush instead of one each.
            var last = _entries.Count > 0 ? _entries[^1] : null;
            entry = AuditChain.Seal(draft, (last?.Sequence ?? 0) + 1, _time.GetUtcNow(), last?.Hash ?? AuditChain.Genesis);
            durable = _file.AppendAsync(entry, CancellationToken.None);
            _entries.Add(entry);
        }
        finally
        {
            _gate.Release();
        }
        await durable;
        return entry;
    }

    public IReadOnlyList<AuditEntry> Read(string? owner, long fromSequence, int limit)
    {
        _gate.Wait();
        try
        {
            return [.. _entries.Where(e => e.Sequence >= fromSequence && (owner is null || e.Owner == owner)).Take(limit)];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Verifies what is on disk, not the in-memory copy, so tampering with the file is caught.</summary>
    public AuditVerification Verify()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var entries = new List<AuditEntry>();
        while (reader.ReadLine() is { } line)
        {
            try
            {
                entries.Add(JsonSerializer.Deserialize(line, AuditJsonContext.Default.AuditEntry)!);
            }
            catch (JsonException)
            {
                return new AuditVerification(false, entries.Count, entries.Count + 1, "an entry is not readable");
            }
        }
        return AuditChain.Verify(entries);
    }

    public void Dispose()
    {
        _file.Dispose();
        _gate.Dispose();
    }
}
