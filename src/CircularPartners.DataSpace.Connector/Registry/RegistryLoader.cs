using CircularPartners.DataSpace.Domain.Registry;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Registry;

/// <summary>Loads the registry snapshot before the server accepts calls; seeds a fresh connector.</summary>
internal sealed class RegistryLoader(UseCaseRegistry registry, IOptions<RegistryOptions> options, ILogger<RegistryLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await registry.LoadAsync(cancellationToken);
        var seedFile = options.Value.SeedFile;
        if (!registry.Snapshot.IsEmpty || string.IsNullOrWhiteSpace(seedFile))
        {
            return;
        }
        var path = Path.IsPathRooted(seedFile) ? seedFile : Path.Combine(AppContext.BaseDirectory, seedFile);
        if (!File.Exists(path))
        {
            RegistryLog.SeedMissing(logger, path);
            return;
        }
        var seed = RegistrySeed.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        if (await registry.SeedIfEmptyAsync(seed, cancellationToken))
        {
            RegistryLog.Seeded(logger, seed.UseCases.Count, seed.Categories.Count, path);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
