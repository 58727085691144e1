namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>
/// Durable, append-only storage of passport versions. Implementations acknowledge an append only
/// once it is durable and never expose a partially written version.
/// </summary>
public interface IPassportStore
{
    /// <summary>
    /// Appends the next version. <paramref name="expectedVersion"/> (0 = must not exist) guards
    /// against lost updates; a mismatch throws <see cref="Errors.VersionConflictException"/>.
    /// </summary>
    Task<PassportRecord> AppendAsync(NewPassportVersion version, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>The latest version, or the one asked for; null when there is none.</summary>
    Task<PassportRecord?> GetAsync(string passportId, long? version, CancellationToken cancellationToken);

    /// <summary>Every version, oldest first; empty when the passport does not exist.</summary>
    Task<IReadOnlyList<PassportRecord>> HistoryAsync(string passportId, CancellationToken cancellationToken);

    /// <summary>The latest version of every passport, for rebuilding the query index.</summary>
    IAsyncEnumerable<PassportRecord> ReadLatestAsync(CancellationToken cancellationToken);
}
