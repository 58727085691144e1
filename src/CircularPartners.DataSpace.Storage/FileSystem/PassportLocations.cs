namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>Where each version of one passport lives in the log; version n is at index n-1.</summary>
internal sealed class PassportLocations(string owner, DateTimeOffset createdAt)
{
    private readonly List<(long Offset, int Length)> _versions = [];

    public string Owner { get; } = owner;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public long CurrentVersion => _versions.Count;

    public void Add(long offset, int length) => _versions.Add((offset, length));

    public (long Offset, int Length)? Find(long version) =>
        version >= 1 && version <= _versions.Count ? _versions[(int)version - 1] : null;
}
