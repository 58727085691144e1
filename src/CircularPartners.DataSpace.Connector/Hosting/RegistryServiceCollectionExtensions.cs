using CircularPartners.DataSpace.Connector.Grpc;
using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Registry;
using CircularPartners.DataSpace.Domain.Registry;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// There is one use-case registry, the secretariat's. Its connector (no <c>Identity:RegistryAddress</c>)
/// keeps and seeds it, as a file or, with <c>Storage:Provider=AzureBlob</c>, as a blob every
/// secretariat replica shares; every other connector passes registry calls on to it and keeps none.
/// Every connector measures and reports its own coverage.
/// </summary>
internal static class RegistryServiceCollectionExtensions
{
    public static IServiceCollection AddRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistryOptions>().Bind(configuration.GetSection(RegistryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CoverageReporting>();
        if (!ForwardsToSecretariat(configuration))
        {
            if (StorageServiceCollectionExtensions.IsAzureBlob(configuration))
            {
                // Secretariat replicas share one snapshot, saved under an ETag condition.
                services.AddSingleton(sp => new AzureBlobRegistryStore(
                    sp.GetRequiredService<IOptions<AzureBlobStoreOptions>>().Value,
                    sp.GetRequiredKeyedService<TimeProvider>(StorageServiceCollectionExtensions.StorageClock), sp.GetRequiredService<StoreOutageMonitor>()));
                services.AddSingleton<IRegistryStore>(sp => sp.GetRequiredService<AzureBlobRegistryStore>());
                services.AddHostedService<RegistryStoreFollower>();
            }
            else
            {
                services.AddSingleton<IRegistryStore>(sp => new FileRegistryStore(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value.DataDirectory));
            }
            services.AddSingleton<UseCaseRegistry>();
            services.AddHostedService<RegistryLoader>();
        }
        // After the loader: a report must never reach the registry before it is loaded (and seeded).
        services.AddHostedService<CoverageReportScheduler>();
        return services;
    }

    /// <summary>RegistryService: the registry itself on the secretariat's connector, a forwarder to it elsewhere.</summary>
    public static WebApplication MapRegistry(this WebApplication app)
    {
        if (ForwardsToSecretariat(app.Configuration))
        {
            app.MapGrpcService<RegistryForwardingGrpcService>();
        }
        else
        {
            app.MapGrpcService<RegistryGrpcService>();
        }
        return app;
    }

    private static bool ForwardsToSecretariat(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{IdentityOptions.Section}:{nameof(IdentityOptions.RegistryAddress)}"]);
}
