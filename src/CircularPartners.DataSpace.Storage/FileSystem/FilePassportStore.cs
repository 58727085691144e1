using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using Microsoft.Win32.SafeHandles;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// The embedded store: one append-only log of framed records under the data directory. A single
/// writer drains the queue, writes the batch, flushes it to disk once (group commit), and only
/// then acknowledges every append in it. Damage found at start-up or on a read is kept aside,
/// reported (<see cref="Damage"/>) and never served; the rest of the store keeps working.
/// </summary>
public sealed partial class FilePassportStore : IPassportStore, IStoreIntegrity, IAsyncDisposable
{
    private readonly FileStream _lock;
    private readonly FileStream _log;
    private readonly SafeFileHandle _reader;
    private readonly Dictionary<string, PassportLocations> _passports;
    private readonly Lock _gate = new();
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly int _maxBatch;
    private readonly List<StoreDamage> _damage;
    private readonly VersionDirectory _directory;

    private FilePassportStore(FileStream @lock, FileStream log, VersionDirectory directory, LogRecovery.Result recovered, StoreOpening opening, int maxBatch)
    {
        _lock = @lock;
        _log = log;
        _directory = directory;
        _passports = recovered.Passports;
        _maxBatch = maxBatch;
        _reader = File.OpenHandle(log.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        DiscardedBytes = opening.CutTail ? recovered.TornTailBytes : 0;
        TornTailVersions = opening.TornTailVersions;
        _damage = [.. opening.Damage];
        _end = log.Length;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Bytes of a torn tail (never acknowledged) cut off when the log was opened; kept in the quarantine folder.</summary>
    public long DiscardedBytes { get; }

    /// <summary>Records still recognisable in the torn tail, for the log line that reports the cut.</summary>
    public IReadOnlyList<DamagedVersion> TornTailVersions { get; }

    public IReadOnlyList<StoreDamage> Damage
    {
        get
        {
            lock (_gate)
            {
                return [.. _damage];
            }
        }
    }

    public static FilePassportStore Open(FileStoreOptions options)
    {
        var directory = Path.Combine(options.DataDirectory, "passports");
        Directory.CreateDirectory(directory);
        FileStream @lock;
        try
        {
            // An exclusive lock: a second connector on the same directory fails here instead of corrupting the log.
            @lock = new FileStream(Path.Combine(directory, "store.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"The data directory '{Path.GetFullPath(options.DataDirectory)}' is in use by another process (setting Storage:DataDirectory).", ex);
        }
        var log = new FileStream(Path.Combine(directory, "passports.log"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        var recovered = LogRecovery.Scan(log);
        var directoryPath = Path.Combine(directory, "passports.versions");
        // The directory is read whole only when the log shows damage (or lost its end): a clean
        // start reads the log once, as before the directory existed.
        var damaged = recovered.DamagedRanges.Count > 0 || recovered.TornTailBytes > 0
            || recovered.Passports.Values.Any(p => p.HasDamage) || VersionDirectory.ListedEnd(directoryPath) > recovered.ValidLength;
        var opening = StoreOpening.Quarantine(log, recovered, damaged ? VersionDirectory.Read(directoryPath) : [], Path.Combine(directory, "quarantine"));
        if (opening.CutTail)
        {
            log.SetLength(recovered.ValidLength);
            log.Flush(flushToDisk: true);
        }
        log.Position = log.Length;
        return new FilePassportStore(@lock, log, VersionDirectory.Open(directoryPath), recovered, opening, options.MaxBatch);
    }

    public Task<PassportRecord> AppendAsync(NewPassportVersion version, long? expectedVersion, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(version, expectedVersion);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new StoreUnavailableException("The passport store is shutting down.");
        }
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public Task<PassportRecord?> GetAsync(string passportId, long? version, CancellationToken cancellationToken)
    {
        (long, int)? at;
        long wanted = 0;
        lock (_gate)
        {
            if (_passports.TryGetValue(passportId, out var locations))
            {
                wanted = version ?? locations.CurrentVersion;
                at = locations.Find(wanted);
            }
            else
            {
                at = null;
            }
        }
        return Task.FromResult(at is { } location ? Read(passportId, wanted, location) : null);
    }

    public Task<IReadOnlyList<PassportRecord>> HistoryAsync(string passportId, CancellationToken cancellationToken)
    {
        var found = new List<(long, int)>();
        lock (_gate)
        {
            if (_passports.TryGetValue(passportId, out var locations))
            {
                for (var v = 1L; v <= locations.CurrentVersion; v++)
                {
                    found.Add(locations.Find(v)!.Value);
                }
            }
        }
        return Task.FromResult<IReadOnlyList<PassportRecord>>([.. found.Select((at, i) => Read(passportId, i + 1, at))]);
    }

    public async IAsyncEnumerable<PassportRecord> ReadLatestAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<(string Id, long Version, (long Offset, int Length) At)> heads;
        lock (_gate)
        {
            heads = [.. _passports.Select(p => (p.Key, p.Value.CurrentVersion, p.Value.Find(p.Value.CurrentVersion)!.Value))
                .Where(h => h.Item3 != PassportLocations.Damaged).OrderBy(h => h.Item3.Offset)];
        }
        foreach (var (id, version, at) in heads)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PassportRecord record;
            try
            {
                record = Read(id, version, at);
            }
            catch (StoreDataLossException)
            {
                continue; // reported in Damage; a damaged current version is not indexed as current
            }
            yield return record;
        }
        await Task.CompletedTask;
    }

    /// <summary>Reads one version; a record that fails its hash check now is added to <see cref="Damage"/> before DATA_LOSS.</summary>
    private PassportRecord Read(string passportId, long version, (long Offset, int Length) at)
    {
        try
        {
            return LogRecovery.Read(_reader, passportId, version, at);
        }
        catch (StoreDataLossException) when (at != PassportLocations.Damaged)
        {
            lock (_gate)
            {
                if (!_damage.Any(d => d.Offset == at.Offset))
                {
                    _damage.Add(new StoreDamage(at.Offset, at.Length, null, [new DamagedVersion(passportId, version)]));
                }
            }
            throw;
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            Commit(batch);
        }
    }

    private void Commit(List<PendingAppend> batch)
    {
        var start = _log.Position;
        var written = new List<(PendingAppend Pending, PassportRecord Record, long Offset, int Length)>(batch.Count);
        var batchVersions = new Dictionary<string, (long Version, DateTimeOffset CreatedAt)>(StringComparer.Ordinal);
        // Told only after the flush: a conflict may be with a version of this very batch, and the
        // loser must then find that version readable (an idempotent retry looks it up).
        var conflicts = new List<(PendingAppend Pending, VersionConflictException Conflict)>();
        try
        {
            foreach (var pending in batch)
            {
                var id = pending.Version.PassportId;
                if (!batchVersions.TryGetValue(id, out var head))
                {
                    lock (_gate)
                    {
                        head = _passports.TryGetValue(id, out var known) ? (known.CurrentVersion, known.CreatedAt) : (0, pending.Version.PublishedAt);
                    }
                }
                if (pending.ExpectedVersion is { } expected && expected != head.Version)
                {
                    conflicts.Add((pending, new VersionConflictException(id, expected, head.Version)));
                    continue;
                }
                var createdAt = head.Version == 0 ? pending.Version.PublishedAt : head.CreatedAt;
                var record = pending.Version.ToRecord(head.Version + 1, createdAt);
                var frame = RecordFrame.Encode(StoredRecordSerializer.Serialize(record));
                written.Add((pending, record, _log.Position, frame.Length));
                _log.Write(frame);
                batchVersions[id] = (record.Version, createdAt);
            }
            _log.Flush(flushToDisk: true);
        }
        catch (IOException ex)
        {
            // Nothing in this batch is acknowledged; cut it off so the log ends on a durable record.
            TryTruncate(start);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(new StoreUnavailableException("The passport log could not be written.", ex));
            }
            return;
        }
        try
        {
            _directory.Append(written.Select(w => (w.Record.PassportId, w.Record.Version, w.Offset, w.Length)));
        }
        catch (IOException)
        {
            // The directory only helps name damage later; the versions are durable in the log.
        }
        lock (_gate)
        {
            foreach (var (_, record, offset, length) in written)
            {
                if (!_passports.TryGetValue(record.PassportId, out var locations))
                {
                    _passports[record.PassportId] = locations = new PassportLocations(record.Owner, record.CreatedAt);
                }
                locations.Add(offset, length);
                Logged(record, offset, length);
            }
            LoggedBatch();
        }
        foreach (var (pending, record, _, _) in written)
        {
            pending.Completion.TrySetResult(record);
        }
        foreach (var (pending, conflict) in conflicts)
        {
            pending.Completion.TrySetException(conflict);
        }
    }

    private void TryTruncate(long length)
    {
        try
        {
            _log.SetLength(length);
            _log.Position = length;
        }
        catch (IOException)
        {
            // The next start-up's recovery cuts the damaged tail instead.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        await _log.DisposeAsync();
        _directory.Dispose();
        _reader.Dispose();
        await _lock.DisposeAsync();
    }

    private sealed record PendingAppend(NewPassportVersion Version, long? ExpectedVersion)
    {
        public TaskCompletionSource<PassportRecord> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
