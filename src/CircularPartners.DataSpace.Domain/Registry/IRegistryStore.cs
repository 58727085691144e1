namespace CircularPartners.DataSpace.Domain.Registry;

/// <summary>Everything the registry holds, saved and loaded as one durable snapshot.</summary>
public sealed record RegistrySnapshot(
    IReadOnlyList<Category> Categories,
    IReadOnlyList<UseCase> UseCases,
    IReadOnlyList<Proposal> Proposals,
    IReadOnlyList<RegistryChange> Changes,
    IReadOnlyList<CoverageReport> Reports)
{
    public static readonly RegistrySnapshot Empty = new([], [], [], [], []);

    public bool IsEmpty => Categories.Count == 0 && UseCases.Count == 0 && Proposals.Count == 0 && Changes.Count == 0;
}

/// <summary>A saved snapshot and the version it was saved as (opaque: an ETag, a content hash).</summary>
public sealed record StoredRegistry(RegistrySnapshot Snapshot, string Version);

/// <summary>
/// The registry's port to durable storage. A save returns only once the snapshot is durable, and
/// only over the version its writer read: replicas sharing the store never overwrite each
/// other's changes; the one that comes second re-reads and re-applies its command.
/// </summary>
public interface IRegistryStore
{
    /// <summary>The last saved snapshot with its version, or <see langword="null"/> on a fresh connector.</summary>
    Task<StoredRegistry?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="snapshot"/> if the stored version is still <paramref name="expectedVersion"/>
    /// (<see langword="null"/>: nothing saved yet) and answers the new version; throws
    /// <see cref="Errors.ConcurrentUpdateException"/> when another writer saved first.
    /// </summary>
    Task<string> SaveAsync(RegistrySnapshot snapshot, string? expectedVersion, CancellationToken cancellationToken);

    /// <summary>The stored version without the snapshot (<see langword="null"/>: none saved); cheap enough to poll.</summary>
    Task<string?> VersionAsync(CancellationToken cancellationToken);
}
