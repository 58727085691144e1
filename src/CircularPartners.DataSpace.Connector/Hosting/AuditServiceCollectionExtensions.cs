using CircularPartners.DataSpace.Connector.Membership;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Registers the audit log's signed heads, their witness (own or the registry's) and the audit health check.</summary>
internal static class AuditServiceCollectionExtensions
{
    /// <summary>The key of this connector's own signed heads (an <see cref="IAuditHeadStore"/>).</summary>
    public const string OwnHeads = "own-audit-heads";

    /// <summary>The key of the heads this connector witnesses (an <see cref="IAuditHeadStore"/>).</summary>
    public const string WitnessedHeads = "witnessed-audit-heads";

    /// <summary>
    /// The audit log and both head stores in the shared container (<c>Storage:Provider=AzureBlob</c>),
    /// so every replica appends to one chain; registered before <see cref="AddAuditHeads"/>, whose
    /// file stores are then left out.
    /// </summary>
    public static IServiceCollection AddAzureBlobAudit(this IServiceCollection services)
    {
        services.AddSingleton(sp => new AzureBlobAuditLog(sp.GetRequiredService<IOptions<AzureBlobStoreOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredKeyedService<TimeProvider>(StorageServiceCollectionExtensions.StorageClock), sp.GetService<StoreOutageMonitor>()));
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<AzureBlobAuditLog>());
        services.AddKeyedSingleton<IAuditHeadStore>(OwnHeads, (sp, _) => AzureBlobAuditHeadStore.OwnHeads(sp.GetRequiredService<IOptions<AzureBlobStoreOptions>>().Value,
            sp.GetRequiredKeyedService<TimeProvider>(StorageServiceCollectionExtensions.StorageClock), sp.GetService<StoreOutageMonitor>()));
        services.AddKeyedSingleton<IAuditHeadStore>(WitnessedHeads, (sp, _) => AzureBlobAuditHeadStore.Witnessed(sp.GetRequiredService<IOptions<AzureBlobStoreOptions>>().Value,
            sp.GetRequiredKeyedService<TimeProvider>(StorageServiceCollectionExtensions.StorageClock), sp.GetService<StoreOutageMonitor>()));
        services.AddHostedService<AuditStoreFollower>();
        return services;
    }

    public static IServiceCollection AddAuditHeads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddKeyedSingleton<IAuditHeadStore>(OwnHeads, (sp, _) => FileAuditHeadStore.OwnHeads(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value));
        services.TryAddKeyedSingleton<IAuditHeadStore>(WitnessedHeads, (sp, _) => FileAuditHeadStore.Witnessed(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value));
        services.AddSingleton(sp => new OwnAuditHeads(sp.GetRequiredKeyedService<IAuditHeadStore>(OwnHeads)));
        services.AddSingleton(sp => new AuditWitness(sp.GetRequiredKeyedService<IAuditHeadStore>(WitnessedHeads)));
        services.AddSingleton<AuditHeadWitness>();
        services.AddSingleton<RegistryAuditWitness>();
        services.AddSingleton<AuditHealth>();
        services.AddHostedService<AuditHeadKeeper>();
        // Not in "ready" or "live": a degraded audit log needs an operator, not a restart or less traffic.
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "audit", sp => sp.GetRequiredService<AuditHealth>(), null, ["audit"]));
        return services;
    }
}
