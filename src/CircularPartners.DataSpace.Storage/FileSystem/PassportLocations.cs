namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// Where each version of one passport lives in the log; version n is at index n-1. A version
/// whose record was damaged is a hole (<see cref="Damaged"/>): known to have existed, never served.
/// </summary>
internal sealed class PassportLocations(string owner, DateTimeOffset createdAt)
{
    public static readonly (long Offset, int Length) Damaged = (-1, 0);
    private readonly List<(long Offset, int Length)> _versions = [];

    public string Owner { get; } = owner;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public long CurrentVersion => _versions.Count;

    /// <summary>Whether any version is a hole.</summary>
    public bool HasDamage { get; private set; }

    public void Add(long offset, int length) => _versions.Add((offset, length));

    /// <summary>Marks versions up to <paramref name="version"/> that are not known as damaged.</summary>
    public void MarkDamagedUpTo(long version)
    {
        while (_versions.Count < version)
        {
            _versions.Add(Damaged);
            HasDamage = true;
        }
    }

    /// <summary>Puts an intact record into a hole left for it (when damage was named before the record was seen).</summary>
    public bool TryFill(long version, long offset, int length)
    {
        if (version < 1 || version > _versions.Count || _versions[(int)version - 1] != Damaged)
        {
            return false;
        }
        _versions[(int)version - 1] = (offset, length);
        return true;
    }

    public IEnumerable<long> DamagedVersions() =>
        Enumerable.Range(1, _versions.Count).Where(v => _versions[v - 1] == Damaged).Select(v => (long)v);

    public (long Offset, int Length)? Find(long version) =>
        version >= 1 && version <= _versions.Count ? _versions[(int)version - 1] : null;
}
