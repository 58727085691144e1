using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// A small durable journal: one JSON document per line, each append flushed to disk (or, with
/// <see cref="JournalSync.InOperatingSystem"/>, handed to the operating system) before it is
/// acknowledged; concurrent appends share one flush. A torn last line, from a crash mid-append,
/// was never acknowledged and is dropped when the file is read.
/// </summary>
internal sealed class JsonLinesFile<T> : IDisposable
{
    private readonly string _path;
    private readonly FileStream _file;
    private readonly JsonTypeInfo<T> _type;
    private readonly List<PendingLine> _queue = [];
    private bool _flushing;
    private Exception? _failure;
    private long _end;
    private readonly JournalSync _sync;
    private readonly SemaphoreSlim _unsynced = new(0, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _syncer = Task.CompletedTask;

    public JsonLinesFile(string path, JsonTypeInfo<T> type, JournalSync sync = JournalSync.OnDisk)
    {
        _type = type;
        _path = path;
        _sync = sync;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (sync == JournalSync.InOperatingSystem)
        {
            // Taken once here: reading SafeFileHandle later would flush the stream from this thread.
            var handle = _file.SafeFileHandle;
            _syncer = Task.Run(() => SyncInBackgroundAsync(handle));
        }
    }

    public IReadOnlyList<T> ReadAll()
    {
        var items = new List<T>();
        Scan((item, _) => items.Add(item));
        return items;
    }

    /// <summary>
    /// Visits every complete line with the byte offset it starts at, then truncates a torn last
    /// line and positions the file for appending. Call once, before the first append.
    /// </summary>
    public void Scan(Action<T, long> visit)
    {
        _file.Position = 0;
        using var reader = new StreamReader(_file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        long goodLength = 0;
        while (reader.ReadLine() is { } line)
        {
            T item;
            try
            {
                item = JsonSerializer.Deserialize(line, _type)!;
            }
            catch (JsonException)
            {
                break;
            }
            visit(item, goodLength);
            goodLength += Encoding.UTF8.GetByteCount(line) + 1;
        }
        _file.SetLength(Math.Min(goodLength, _file.Length));
        _file.Position = _file.Length;
        _end = _file.Length;
    }

    /// <summary>Where the next appended line will start (appends queued but not yet flushed included).</summary>
    public long End
    {
        get
        {
            lock (_queue)
            {
                return _end;
            }
        }
    }

    /// <summary>
    /// The items from the line starting at <paramref name="offset"/> on, read through a separate
    /// handle; stops at the end or at a line still being written.
    /// </summary>
    public IEnumerable<T> ReadFrom(long offset)
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Position = offset;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        while (reader.ReadLine() is { } line)
        {
            T? item;
            try
            {
                item = JsonSerializer.Deserialize(line, _type);
            }
            catch (JsonException)
            {
                yield break;
            }
            yield return item!;
        }
    }

    /// <summary>
    /// Queues <paramref name="item"/> behind every earlier append; the task completes once it is on
    /// disk. Appends that arrive while a flush is running share the next one (group commit), so
    /// callers that must order their items (e.g. a hash chain) queue under their own lock and
    /// await outside it.
    /// </summary>
    public Task AppendAsync(T item, CancellationToken cancellationToken)
    {
        var pending = new PendingLine(JsonSerializer.SerializeToUtf8Bytes(item, _type));
        bool startFlusher;
        lock (_queue)
        {
            if (_failure is not null)
            {
                throw new IOException("An earlier write to this journal failed; restart to recover from the file.", _failure);
            }
            _queue.Add(pending);
            _end += pending.Bytes.Length + 1;
            startFlusher = !_flushing;
            _flushing = true;
        }
        if (startFlusher)
        {
            // Off the caller's thread: it may hold a lock that the next appenders need.
            _ = Task.Run(Flush, CancellationToken.None);
        }
        return pending.Durable.Task;
    }

    private void Flush()
    {
        while (true)
        {
            PendingLine[] batch;
            lock (_queue)
            {
                if (_queue.Count == 0)
                {
                    _flushing = false;
                    return;
                }
                batch = [.. _queue];
                _queue.Clear();
            }
            try
            {
                foreach (var line in batch)
                {
                    _file.Write(line.Bytes);
                    _file.WriteByte((byte)'\n');
                }
                _file.Flush(flushToDisk: _sync == JournalSync.OnDisk);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException)
            {
                // Nothing after a failed write may be acknowledged: the file no longer has what
                // the queue says it has.
                PendingLine[] rest;
                lock (_queue)
                {
                    _failure = ex;
                    rest = [.. _queue];
                    _queue.Clear();
                    _flushing = false;
                }
                foreach (var line in batch.Concat(rest))
                {
                    line.Durable.TrySetException(ex);
                }
                return;
            }
            foreach (var line in batch)
            {
                line.Durable.TrySetResult();
            }
            // Only the one running flusher releases, so this cannot overfill the semaphore; if the
            // syncer was already told, its next fsync covers this batch too.
            if (_sync == JournalSync.InOperatingSystem && _unsynced.CurrentCount == 0)
            {
                _unsynced.Release();
            }
        }
    }

    /// <summary>fsync whenever lines were written since the last one, until disposed.</summary>
    private async Task SyncInBackgroundAsync(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        try
        {
            while (true)
            {
                await _unsynced.WaitAsync(_closing.Token);
                RandomAccess.FlushToDisk(handle);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The disk refused: acknowledge nothing more, as after a failed write.
            lock (_queue)
            {
                _failure ??= ex;
            }
        }
    }

    private sealed class PendingLine(byte[] bytes)
    {
        public byte[] Bytes { get; } = bytes;
        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Dispose()
    {
        _closing.Cancel();
        _syncer.GetAwaiter().GetResult();
        if (_sync == JournalSync.InOperatingSystem)
        {
            _file.Flush(flushToDisk: true);
        }
        _file.Dispose();
        _closing.Dispose();
        _unsynced.Dispose();
    }
}
