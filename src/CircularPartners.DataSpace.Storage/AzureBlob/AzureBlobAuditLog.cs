using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.Errors;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// One audit chain for every replica of a connector, in the shared container (<see cref="AuditSegments"/>).
/// <para>Appends are group-committed: drafts that arrive while a write is in flight are sealed
/// together, from the chain end this replica knows, into one block appended with
/// If-Append-Position-Equal. When another replica appended first the condition fails: this replica
/// reads what was appended, re-seals its drafts after it and tries again, so two replicas can never
/// seal the same sequence number and the chain never forks. An append is answered once its block
/// is stored; a block that cannot be stored fails every call in it (the read it records is not
/// answered). A segment closes once it holds <c>segmentEntries</c> entries; the next one is named
/// after its first sequence and created with If-None-Match:*, so every replica agrees where it starts.</para>
/// <para>Cost: one request per group of appends (plus one read and one retried append per group
/// that lost a race to another replica, and one create per segment). <see cref="Head"/> follows
/// other replicas' entries through <see cref="FollowAsync"/> (one request per poll when idle);
/// <see cref="ReadAsync"/> and <see cref="VerifyAsync"/> read the store itself.</para>
/// </summary>
public sealed class AzureBlobAuditLog : IAuditLog, IDisposable
{
    /// <summary>Entries per segment blob (default): far below an append blob's 50,000 blocks, and a few MB to download.</summary>
    public const int DefaultSegmentEntries = 10_000;

    private const int MaxGroup = 256;
    private const int MaxAttempts = 64;
    private readonly AuditSegments _segments;
    private readonly TimeProvider _time;
    private readonly TimeProvider _clock;
    private readonly StoreOutage _outage;
    private readonly int _segmentEntries;
    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly List<Pending> _queue = [];
    private readonly SortedSet<long> _knownSegments = [];
    private bool _writing;
    private bool _loaded;
    private volatile Tail _tail = new(0, 0, null);

    /// <param name="options">The container (shared with the passports) and the resilience settings.</param>
    /// <param name="time">Clock of the entries' times.</param>
    /// <param name="clock">Times retries, timeouts and polling; real time in production.</param>
    /// <param name="outages">The container's outage monitor, told when the audit log's storage fails and recovers.</param>
    /// <param name="segmentEntries">Entries per segment blob.</param>
    public AzureBlobAuditLog(AzureBlobStoreOptions options, TimeProvider time, TimeProvider clock, StoreOutageMonitor? outages = null,
        int segmentEntries = DefaultSegmentEntries)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentEntries, 1);
        _segments = new AuditSegments(options.CreateContainerClient(), new StoreResilience(options, clock));
        _time = time;
        _clock = clock;
        _outage = new StoreOutage(outages, clock);
        _segmentEntries = segmentEntries;
        PollInterval = TimeSpan.FromMilliseconds(Math.Max(1000, options.JournalPollMilliseconds));
    }

    /// <summary>How often <see cref="FollowAsync"/> takes in other replicas' entries: the bound on how stale <see cref="Head"/> is.</summary>
    public TimeSpan PollInterval { get; }

    public AuditEntry? Head => _tail.Last;

    /// <summary>Finds the chain's end in the store; call before serving, so <see cref="Head"/> is known.</summary>
    public Task LoadAsync(CancellationToken cancellationToken) => _outage.TrackAsync(async token =>
    {
        await _sync.WaitAsync(token);
        try
        {
            await EnsureLoadedAsync(token);
            return true;
        }
        finally
        {
            _sync.Release();
        }
    }, cancellationToken);

    /// <summary>Takes in other replicas' entries every <see cref="PollInterval"/> until cancelled; an outage is tried again at the next poll.</summary>
    public async Task FollowAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, _clock, cancellationToken);
                await _outage.TrackAsync(RefreshAsync, cancellationToken);
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

    public async Task<AuditEntry> AppendAsync(AuditDraft draft, CancellationToken cancellationToken)
    {
        var pending = new Pending(draft);
        bool start;
        lock (_queue)
        {
            _queue.Add(pending);
            start = !_writing;
            _writing = true;
        }
        if (start)
        {
            // Off the caller's thread; the caller's token does not cancel a write others share.
            _ = Task.Run(WriteAsync, CancellationToken.None);
        }
        return await pending.Sealed.Task;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(string? owner, long fromSequence, int limit, CancellationToken cancellationToken) =>
        _outage.TrackAsync<IReadOnlyList<AuditEntry>>(async token =>
        {
            fromSequence = Math.Max(1, fromSequence);
            var found = new List<AuditEntry>();
            var segment = StartOf(fromSequence);
            while (found.Count < limit && await _segments.ReadFromAsync(segment, 0, token) is { Entries: { Count: > 0 } entries })
            {
                found.AddRange(entries.Where(e => e.Sequence >= fromSequence && (owner is null || e.Owner == owner)).Take(limit - found.Count));
                if (!Closes(segment, entries[^1].Sequence))
                {
                    break;
                }
                segment = Remember(entries[^1].Sequence + 1);
            }
            return found;
        }, cancellationToken);

    /// <summary>Verifies every segment as stored, not this replica's view, so tampering with the blobs is caught.</summary>
    public Task<AuditVerification> VerifyAsync(IReadOnlyList<CheckedHead>? heads, CancellationToken cancellationToken) =>
        _outage.TrackAsync(async token =>
        {
            var entries = new List<AuditEntry>();
            foreach (var segment in await _segments.ListAsync(token))
            {
                try
                {
                    entries.AddRange((await _segments.ReadFromAsync(segment, 0, token))?.Entries ?? []);
                }
                catch (InvalidDataException)
                {
                    return new AuditVerification(false, entries.Count, entries.Count + 1, "an entry is not readable");
                }
            }
            return AuditChain.Verify(entries, heads);
        }, cancellationToken);

    /// <summary>Seals and stores queued drafts, a group at a time, until the queue is empty.</summary>
    private async Task WriteAsync()
    {
        while (true)
        {
            Pending[] group;
            lock (_queue)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }
                group = [.. _queue.Take(MaxGroup)];
                _queue.RemoveRange(0, group.Length);
            }
            try
            {
                var entries = await _outage.TrackAsync(token => CommitAsync(group, token), CancellationToken.None);
                for (var i = 0; i < group.Length; i++)
                {
                    group[i].Sealed.TrySetResult(entries[i]);
                }
            }
            catch (Exception ex)
            {
                var failure = ex as StoreUnavailableException ?? new StoreUnavailableException("The audit log could not be written; the call is not answered.", ex);
                Array.ForEach(group, pending => pending.Sealed.TrySetException(failure));
            }
        }
    }

    private async Task<AuditEntry[]> CommitAsync(Pending[] group, CancellationToken cancellationToken)
    {
        await _sync.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var tail = _tail;
                if (tail.Segment == 0 || Closes(tail.Segment, tail.Last?.Sequence ?? 0))
                {
                    // Whoever creates it, the next segment starts right after the last entry.
                    var next = (tail.Last?.Sequence ?? 0) + 1;
                    await _segments.TryCreateAsync(next, cancellationToken);
                    _tail = tail = new Tail(Remember(next), 0, tail.Last);
                }
                var now = _time.GetUtcNow();
                var entries = new AuditEntry[group.Length];
                var previous = tail.Last;
                for (var i = 0; i < group.Length; i++)
                {
                    previous = entries[i] = AuditChain.Seal(group[i].Draft, (previous?.Sequence ?? 0) + 1, now, previous?.Hash ?? AuditChain.Genesis);
                }
                var blockId = Guid.NewGuid().ToString("N");
                var block = AuditSegments.Serialize(blockId, entries);
                if (await _segments.TryAppendAsync(tail.Segment, tail.Length, block, cancellationToken))
                {
                    _tail = new Tail(tail.Segment, tail.Length + block.Length, entries[^1]);
                    return entries;
                }
                // Another replica appended first, or a retried attempt of ours landed: take in what is there.
                if ((await CatchUpAsync(cancellationToken)).Contains(blockId))
                {
                    return entries; // this very block, stored by an attempt whose answer was lost
                }
            }
            throw new StoreUnavailableException("The audit log kept moving under this replica's appends; retry shortly.");
        }
        finally
        {
            _sync.Release();
        }
    }

    private async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _sync.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            await CatchUpAsync(cancellationToken);
            return true;
        }
        finally
        {
            _sync.Release();
        }
    }

    /// <summary>Under the sync gate: finds the last segment with entries and reads it, then follows any later ones.</summary>
    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }
        await _segments.EnsureContainerAsync(cancellationToken);
        var segments = await _segments.ListAsync(cancellationToken);
        segments.ForEach(first => Remember(first));
        // The newest segment may still be empty (created, nothing appended yet): its entries are in the one before.
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            if (await _segments.ReadFromAsync(segments[i], 0, cancellationToken) is { Entries: { Count: > 0 } entries, End: var end })
            {
                _tail = new Tail(segments[i], end, entries[^1]);
                break;
            }
        }
        await CatchUpAsync(cancellationToken);
        _loaded = true;
    }

    /// <summary>Under the sync gate: takes in every entry appended after the known end, across segments; returns the ids of the blocks read.</summary>
    private async Task<HashSet<string>> CatchUpAsync(CancellationToken cancellationToken)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var tail = _tail;
            var last = tail.Last?.Sequence ?? 0;
            if (tail.Segment != 0 && !Closes(tail.Segment, last))
            {
                var (entries, blocks, end) = await _segments.ReadFromAsync(tail.Segment, tail.Length, cancellationToken)
                    ?? throw new InvalidDataException($"Audit segment {AuditSegments.Name(tail.Segment)} is missing.");
                var previous = tail.Last;
                foreach (var entry in entries)
                {
                    if (entry.Sequence != (previous?.Sequence ?? 0) + 1 || entry.PreviousHash != (previous?.Hash ?? AuditChain.Genesis))
                    {
                        throw new InvalidDataException($"The stored audit chain does not continue at sequence {(previous?.Sequence ?? 0) + 1}; run the audit verification.");
                    }
                    previous = entry;
                }
                taken.UnionWith(blocks);
                _tail = tail = new Tail(tail.Segment, end, previous);
                if (!Closes(tail.Segment, tail.Last?.Sequence ?? 0))
                {
                    return taken;
                }
            }
            // The known segment is full (or there is none yet): the chain goes on in the next one, if anyone created it.
            var next = (tail.Last?.Sequence ?? 0) + 1;
            if (await _segments.ReadFromAsync(next, 0, cancellationToken) is null)
            {
                return taken;
            }
            _tail = new Tail(Remember(next), 0, tail.Last);
        }
    }

    private bool Closes(long segment, long lastSequence) => segment != 0 && lastSequence - segment + 1 >= _segmentEntries;

    private long Remember(long segment)
    {
        lock (_knownSegments)
        {
            _knownSegments.Add(segment);
        }
        return segment;
    }

    /// <summary>The known segment holding <paramref name="sequence"/> (segments created since are found by following on).</summary>
    private long StartOf(long sequence)
    {
        lock (_knownSegments)
        {
            return _knownSegments.GetViewBetween(1, sequence) is { Count: > 0 } before ? before.Max : 1;
        }
    }

    public void Dispose() => _sync.Dispose();

    /// <summary>The chain's end as this replica knows it: the segment being appended to, its length and its last entry.</summary>
    private sealed record Tail(long Segment, long Length, AuditEntry? Last);

    private sealed class Pending(AuditDraft draft)
    {
        public AuditDraft Draft { get; } = draft;
        public TaskCompletionSource<AuditEntry> Sealed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
