using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using Microsoft.Win32.SafeHandles;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// The embedded store: one append-only log of framed records under the data directory. A single
/// writer drains the queue, writes the batch, flushes it to disk once (group commit), and only
/// then acknowledges every append in it.
/// </summary>
public sealed class FilePassportStore : IPassportStore, IAsyncDisposable
{
    private readonly FileStream _lock;
    private readonly FileStream _log;
    private readonly SafeFileHandle _reader;
    private readonly Dictionary<string, PassportLocations> _passports;
    private readonly Lock _gate = new();
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly int _maxBatch;

    private FilePassportStore(FileStream @lock, FileStream log, LogRecovery.Result recovered, int maxBatch)
    {
        _lock = @lock;
        _log = log;
        _passports = recovered.Passports;
        _maxBatch = maxBatch;
        _reader = File.OpenHandle(log.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        DiscardedBytes = recovered.DiscardedBytes;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Bytes of an unacknowledged, damaged tail cut off when the log was opened.</summary>
    public long DiscardedBytes { get; }

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
        if (recovered.DiscardedBytes > 0)
        {
            log.SetLength(recovered.ValidLength);
            log.Flush(flushToDisk: true);
        }
        log.Position = recovered.ValidLength;
        return new FilePassportStore(@lock, log, recovered, options.MaxBatch);
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
        lock (_gate)
        {
            at = _passports.TryGetValue(passportId, out var locations) ? locations.Find(version ?? locations.CurrentVersion) : null;
        }
        return Task.FromResult(at is { } location ? LogRecovery.Read(_reader, location) : null);
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
        return Task.FromResult<IReadOnlyList<PassportRecord>>([.. found.Select(at => LogRecovery.Read(_reader, at))]);
    }

    public async IAsyncEnumerable<PassportRecord> ReadLatestAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<(long, int)> heads;
        lock (_gate)
        {
            heads = [.. _passports.Values.Select(p => p.Find(p.CurrentVersion)!.Value).OrderBy(at => at.Item1)];
        }
        foreach (var at in heads)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return LogRecovery.Read(_reader, at);
        }
        await Task.CompletedTask;
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
                    pending.Completion.TrySetException(new VersionConflictException(id, expected, head.Version));
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
        lock (_gate)
        {
            foreach (var (_, record, offset, length) in written)
            {
                if (!_passports.TryGetValue(record.PassportId, out var locations))
                {
                    _passports[record.PassportId] = locations = new PassportLocations(record.Owner, record.CreatedAt);
                }
                locations.Add(offset, length);
            }
        }
        foreach (var (pending, record, _, _) in written)
        {
            pending.Completion.TrySetResult(record);
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
        _reader.Dispose();
        await _lock.DisposeAsync();
    }

    private sealed record PendingAppend(NewPassportVersion Version, long? ExpectedVersion)
    {
        public TaskCompletionSource<PassportRecord> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
