using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Registry;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core.Interceptors;
using D = CircularPartners.DataSpace.Domain.Registry;

namespace CircularPartners.DataSpace.Tests.Registry;

internal static class RegistryTestSupport
{
    public const string Secretariat = "9010001000009";
    public const string Member = "1010001000001";

    /// <summary>A registry client whose calls carry a credential for <paramref name="participantId"/>.</summary>
    public static RegistryService.RegistryServiceClient RegistryClient(this ConnectorHost host, string participantId, params string[] roles)
    {
        var token = host.CredentialFor(participantId, roles);
        return new(host.Channel().Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return metadata;
        }));
    }

    public static Caller Caller(string participantId, params string[] roles) => new(participantId, roles.ToHashSet());

    public static D.UseCase UseCase(string id, string category, params D.LifecycleStage[] stages) =>
        new(id, id + " (ja)", id + " (en)", "test", "Test Org", D.UseCaseStatus.Introduction, [], [category], stages, [], []);

    public static RegistrySeed Seed() => RegistrySeed.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root,
        "src", "CircularPartners.DataSpace.Connector", "Registry", "seed.json")));
}

/// <summary>Keeps snapshots in memory and counts saves.</summary>
internal sealed class InMemoryRegistryStore : IRegistryStore
{
    public RegistrySnapshot? Saved { get; private set; }
    public int Saves { get; private set; }

    public Task<StoredRegistry?> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Saved is null ? null : new StoredRegistry(Saved, Version()));

    public Task<string> SaveAsync(RegistrySnapshot snapshot, string? expectedVersion, CancellationToken cancellationToken)
    {
        if (expectedVersion != (Saved is null ? null : Version()))
        {
            throw new CircularPartners.DataSpace.Domain.Errors.ConcurrentUpdateException("Saved by another writer.");
        }
        Saved = snapshot;
        Saves++;
        return Task.FromResult(Version());
    }

    public Task<string?> VersionAsync(CancellationToken cancellationToken) => Task.FromResult(Saved is null ? null : Version());

    private string Version() => Saves.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
