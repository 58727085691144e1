using CircularPartners.DataSpace.Connector.Membership;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Storage.FileSystem;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Registers the audit log's signed heads, their witness (own or the registry's) and the audit health check.</summary>
internal static class AuditServiceCollectionExtensions
{
    private const string WitnessedHeads = "witnessed-audit-heads";

    public static IServiceCollection AddAuditHeads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new OwnAuditHeads(FileAuditHeadStore.OwnHeads(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value)));
        services.AddKeyedSingleton(WitnessedHeads, (sp, _) => FileAuditHeadStore.Witnessed(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value));
        services.AddSingleton(sp => new AuditWitness(sp.GetRequiredKeyedService<FileAuditHeadStore>(WitnessedHeads)));
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
