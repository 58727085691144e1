using CircularPartners.DataSpace.Connector.Registry;
using CircularPartners.DataSpace.Domain.Registry;
using CircularPartners.DataSpace.Storage.FileSystem;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Registers the secretariat's use-case registry and its file snapshot.</summary>
internal static class RegistryServiceCollectionExtensions
{
    public static IServiceCollection AddRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistryOptions>().Bind(configuration.GetSection(RegistryOptions.Section));
        services.AddSingleton<IRegistryStore>(sp => new FileRegistryStore(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value.DataDirectory));
        services.AddSingleton<UseCaseRegistry>();
        services.AddHostedService<RegistryLoader>();
        return services;
    }
}
