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

/// <summary>The registry's port to durable storage. A save returns only once the snapshot is durable.</summary>
public interface IRegistryStore
{
    /// <summary>The last saved snapshot, or <see langword="null"/> on a fresh connector.</summary>
    Task<RegistrySnapshot?> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(RegistrySnapshot snapshot, CancellationToken cancellationToken);
}
