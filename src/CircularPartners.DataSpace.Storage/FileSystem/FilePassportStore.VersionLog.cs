using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// The file store as an <see cref="IPassportVersionLog"/>: a position is a byte offset in the log,
/// so the log's own order is the commit order. The list of versions in that order is built on the
/// first read (only a connector with a backup pays for it) and kept up to date by every commit.
/// Versions lost at start-up (holes) have no place in the log and are left out: the store reports
/// them as damage.
/// </summary>
public sealed partial class FilePassportStore : IPassportVersionLog
{
    private List<LogEntry>? _order; // guarded by _gate
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously); // guarded by _gate
    private long _end; // guarded by _gate

    public long End
    {
        get
        {
            lock (_gate)
            {
                return _end;
            }
        }
    }

    public Task<IReadOnlyList<LoggedVersion>> ReadFromAsync(long position, int max, CancellationToken cancellationToken)
    {
        List<LogEntry> entries;
        lock (_gate)
        {
            var order = Order();
            var first = FirstAtOrAfter(order, position);
            entries = order.GetRange(first, Math.Min(max, order.Count - first));
        }
        var versions = new List<LoggedVersion>(entries.Count);
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var version = new DamagedVersion(entry.PassportId, entry.Version);
            PassportRecord? record;
            try
            {
                record = Read(entry.PassportId, entry.Version, (entry.Offset, entry.Length));
            }
            catch (StoreDataLossException)
            {
                record = null; // added to Damage by Read
            }
            versions.Add(new LoggedVersion(entry.Offset + entry.Length, version, record));
        }
        return Task.FromResult<IReadOnlyList<LoggedVersion>>(versions);
    }

    public long CountFrom(long position)
    {
        lock (_gate)
        {
            var order = Order();
            return order.Count - FirstAtOrAfter(order, position);
        }
    }

    public Task WaitBeyondAsync(long position, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var order = Order();
            return order.Count > 0 && order[^1].Offset >= position ? Task.CompletedTask : _appended.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Called under <c>_gate</c> by a commit, for each version it made durable, in log order.</summary>
    private void Logged(PassportRecord record, long offset, int length)
    {
        _order?.Add(new LogEntry(offset, length, record.PassportId, record.Version));
        _end = Math.Max(_end, offset + length);
    }

    /// <summary>Called under <c>_gate</c> once a commit's versions are in place: wakes the followers.</summary>
    private void LoggedBatch()
    {
        var appended = _appended;
        _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        appended.TrySetResult();
    }

    private List<LogEntry> Order()
    {
        if (_order is null)
        {
            var order = new List<LogEntry>();
            foreach (var (id, locations) in _passports)
            {
                for (var v = 1L; v <= locations.CurrentVersion; v++)
                {
                    if (locations.Find(v) is { } at && at != PassportLocations.Damaged)
                    {
                        order.Add(new LogEntry(at.Offset, at.Length, id, v));
                    }
                }
            }
            order.Sort((a, b) => a.Offset.CompareTo(b.Offset));
            _order = order;
        }
        return _order;
    }

    private static int FirstAtOrAfter(List<LogEntry> order, long position)
    {
        int low = 0, high = order.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (order[middle].Offset < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    private readonly record struct LogEntry(long Offset, int Length, string PassportId, long Version);
}
