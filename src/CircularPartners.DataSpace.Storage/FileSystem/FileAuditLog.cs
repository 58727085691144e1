using System.Text.Json;
using System.Text.Json.Serialization;
using CircularPartners.DataSpace.Domain.Audit;

namespace CircularPartners.DataSpace.Storage.FileSystem;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AuditEntry))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;

/// <summary>
/// The audit log as JSON lines under <c>{DataDirectory}/audit/audit.log</c>, each entry written
/// (on disk, or held by the operating system: <see cref="JournalSync"/>) before the call it
/// records is answered. The chain continues across restarts.
/// <para>Every read under an agreement adds an entry, so the log grows without bound: memory holds
/// only the last entry (to chain the next) and the file offset of every
/// <see cref="CheckpointInterval"/>th entry; listing reads the file from the checkpoint at or
/// before the first sequence asked for.</para>
/// </summary>
public sealed class FileAuditLog : IAuditLog, IDisposable
{
    /// <summary>Entries per remembered offset: 16 bytes of memory per 1,024 entries.</summary>
    public const int CheckpointInterval = 1024;

    private readonly string _path;
    private readonly JsonLinesFile<AuditEntry> _file;
    private readonly List<(long Sequence, long Offset)> _checkpoints = [];
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AuditEntry? _last;
    private AuditEntry? _durable;
    private readonly Lock _durableLock = new();

    /// <param name="options">Where the log lives.</param>
    /// <param name="time">Clock for the entries' times.</param>
    /// <param name="sync">When an entry counts as written, i.e. when the call it records may be answered.</param>
    public FileAuditLog(FileStoreOptions options, TimeProvider time, JournalSync sync = JournalSync.OnDisk)
    {
        _path = Path.Combine(options.DataDirectory, "audit", "audit.log");
        _file = new JsonLinesFile<AuditEntry>(_path, AuditJsonContext.Default.AuditEntry, sync);
        _file.Scan(Remember);
        _durable = _last;
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
            entry = AuditChain.Seal(draft, (_last?.Sequence ?? 0) + 1, _time.GetUtcNow(), _last?.Hash ?? AuditChain.Genesis);
            var offset = _file.End;
            durable = _file.AppendAsync(entry, CancellationToken.None);
            Remember(entry, offset);
        }
        finally
        {
            _gate.Release();
        }
        await durable;
        lock (_durableLock)
        {
            // Flushes complete in chain order, so everything up to this entry is durable too.
            if (entry.Sequence > (_durable?.Sequence ?? 0))
            {
                _durable = entry;
            }
        }
        return entry;
    }

    public AuditEntry? Head
    {
        get
        {
            lock (_durableLock)
            {
                return _durable;
            }
        }
    }

    public IReadOnlyList<AuditEntry> Read(string? owner, long fromSequence, int limit)
    {
        long last;
        long offset;
        _gate.Wait();
        try
        {
            last = _last?.Sequence ?? 0;
            var at = _checkpoints.FindLastIndex(c => c.Sequence <= fromSequence);
            offset = at < 0 ? 0 : _checkpoints[at].Offset;
        }
        finally
        {
            _gate.Release();
        }
        return [.. _file.ReadFrom(offset)
            .TakeWhile(e => e.Sequence <= last)
            .Where(e => e.Sequence >= fromSequence && (owner is null || e.Owner == owner))
            .Take(limit)];
    }

    Task<IReadOnlyList<AuditEntry>> IAuditLog.ReadAsync(string? owner, long fromSequence, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(Read(owner, fromSequence, limit));

    Task<AuditVerification> IAuditLog.VerifyAsync(IReadOnlyList<CheckedHead>? heads, CancellationToken cancellationToken) =>
        Task.FromResult(Verify(heads));

    /// <summary>Verifies what is on disk, not the in-memory copy, so tampering with the file is caught.</summary>
    public AuditVerification Verify(IReadOnlyList<CheckedHead>? heads = null)
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
        return AuditChain.Verify(entries, heads);
    }

    private void Remember(AuditEntry entry, long offset)
    {
        if (entry.Sequence % CheckpointInterval == 1)
        {
            _checkpoints.Add((entry.Sequence, offset));
        }
        _last = entry;
    }

    public void Dispose()
    {
        _file.Dispose();
        _gate.Dispose();
    }
}
