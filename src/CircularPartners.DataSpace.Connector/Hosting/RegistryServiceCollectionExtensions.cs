using CircularPartners.DataSpace.Connector.Registry;
using CircularPartners.DataSpace.Domain.Registry;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Registers the secretariat's use-case registry and its snapshot (a file, or a blob every replica shares).</summary>
internal static class RegistryServiceCollectionExtensions
{
    public static IServiceCollection AddRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistryOptions>().Bind(configuration.GetSection(RegistryOptions.Section));
        if (StorageServiceCollectionExtensions.IsAzureBlob(configuration))
        {
            // Replicas share one snapshot, saved under an ETag condition.
            services.AddSingleton(sp => new AzureBlobRegistryStore(
                sp.GetRequiredService<IOptions<AzureBlobStoreOptions>>().Value,
                sp.GetRequiredKeyedService<TimeProvider>(StorageServiceCollectionExtensions.StorageClock)));
            services.AddSingleton<IRegistryStore>(sp => sp.GetRequiredService<AzureBlobRegistryStore>());
            services.AddHostedService<RegistryStoreFollower>();
        }
        else
        {
            services.AddSingleton<IRegistryStore>(sp => new FileRegistryStore(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value.DataDirectory));
        }
        services.AddSingleton<UseCaseRegistry>();
        services.AddHostedService<RegistryLoader>();
        return services;
    }
}
