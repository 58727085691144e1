namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>
/// Every acknowledged version of one store, in the order it became durable, each ending at a
/// position that only grows: what a follower that must see every version exactly once (a backup)
/// reads and resumes from. Unlike <see cref="IPassportChangeFeed"/> (replicas' query index: any
/// order, repeats allowed), a position names a point in this store's own history and means nothing
/// in any other store, a restored copy included.
/// </summary>
public interface IPassportVersionLog
{
    /// <summary>The position after the last acknowledged version.</summary>
    long End { get; }

    /// <summary>
    /// Up to <paramref name="max"/> versions starting at or after <paramref name="position"/>, oldest
    /// first; empty when there is none yet. A version found damaged comes without its record.
    /// </summary>
    Task<IReadOnlyList<LoggedVersion>> ReadFromAsync(long position, int max, CancellationToken cancellationToken);

    /// <summary>How many versions start at or after <paramref name="position"/> (for the backup's lag).</summary>
    long CountFrom(long position);

    /// <summary>Completes once a version starting at or after <paramref name="position"/> is acknowledged (at once when one is).</summary>
    Task WaitBeyondAsync(long position, CancellationToken cancellationToken);
}

/// <summary>
/// One version of <see cref="IPassportVersionLog"/>; <see cref="Next"/> is the position to resume
/// from once it is handled. <see cref="Record"/> is null when the version is damaged in the store.
/// </summary>
public sealed record LoggedVersion(long Next, DamagedVersion Version, PassportRecord? Record);
