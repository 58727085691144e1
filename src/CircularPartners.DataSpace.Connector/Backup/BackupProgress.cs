using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Connector.Backup;

/// <summary>
/// What the backup follower has done and where it stands, read by health, metrics and
/// <c>cpds status</c>. Written by the one follower; read from anywhere.
/// </summary>
internal sealed class BackupProgress(IPassportVersionLog? log, TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _position;
    private long _backedUp;
    private long _alreadyPresent;
    private long _damaged;
    private long _conflicts;
    private long _auditHeads;
    private DateTimeOffset? _oldestPending;
    private DateTimeOffset? _outageSince;
    private string? _outage;

    /// <summary>Where the copy goes; empty while the backup is off.</summary>
    public string Target { get; private set; } = "";

    public bool Enabled => log is not null && Target.Length > 0;

    public Snapshot Read()
    {
        lock (_gate)
        {
            var pending = Enabled ? log!.CountFrom(_position) : 0;
            var lag = pending == 0 || _oldestPending is not { } oldest ? 0 : Math.Max(0, (time.GetUtcNow() - oldest).TotalSeconds);
            return new Snapshot(Enabled, Target, _backedUp, pending, _alreadyPresent, _damaged, _conflicts, _auditHeads, lag, _outage, _outageSince);
        }
    }

    public void Start(string target, long position, long backedUp)
    {
        lock (_gate)
        {
            Target = target;
            _position = position;
            _backedUp = backedUp;
        }
    }

    /// <summary>The next version waiting was published at <paramref name="publishedAt"/> (null: none waiting).</summary>
    public void Waiting(DateTimeOffset? publishedAt)
    {
        lock (_gate)
        {
            _oldestPending = publishedAt;
        }
    }

    public void Copied(long position, long stored, long alreadyPresent, long damaged, long conflicts)
    {
        lock (_gate)
        {
            _position = position;
            _backedUp += stored + alreadyPresent;
            _alreadyPresent += alreadyPresent;
            _damaged += damaged;
            _conflicts += conflicts;
        }
    }

    public void AuditHeadCopied()
    {
        lock (_gate)
        {
            _auditHeads++;
        }
    }

    /// <summary>Records an outage; true when it starts now (the one moment to log it).</summary>
    public bool Unreachable(string reason)
    {
        lock (_gate)
        {
            var starts = _outage is null;
            _outage = reason;
            _outageSince ??= time.GetUtcNow();
            return starts;
        }
    }

    /// <summary>Ends an outage; how long it lasted when there was one.</summary>
    public TimeSpan? Reachable()
    {
        lock (_gate)
        {
            if (_outageSince is not { } since)
            {
                return null;
            }
            _outage = null;
            _outageSince = null;
            return time.GetUtcNow() - since;
        }
    }

    /// <param name="BackedUp">Versions known to be in the target (since this data folder's checkpoint began).</param>
    /// <param name="Pending">Acknowledged versions not yet in the target.</param>
    /// <param name="AlreadyPresent">Versions offered again since this start (after a crash) and found in place.</param>
    /// <param name="Damaged">Versions damaged in this store, so not copied.</param>
    /// <param name="Conflicts">Versions the target holds differently; left alone.</param>
    /// <param name="AuditHeads">Signed audit heads copied since this start.</param>
    /// <param name="LagSeconds">Age of the oldest version waiting; 0 when caught up.</param>
    /// <param name="Outage">Why the target is unreachable; null while it answers.</param>
    public sealed record Snapshot(bool Enabled, string Target, long BackedUp, long Pending, long AlreadyPresent, long Damaged, long Conflicts, long AuditHeads,
        double LagSeconds, string? Outage, DateTimeOffset? OutageSince);
}
