using CircularPartners.DataSpace.Connector.Grpc;
using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Membership;
using CircularPartners.DataSpace.Domain.Events;
using CircularPartners.DataSpace.Domain.Goals;
using CircularPartners.DataSpace.Domain.Goals.Analytics;
using CircularPartners.DataSpace.Domain.Goals.Import;
using CircularPartners.DataSpace.Domain.Membership;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Registers the membership registry (served by the secretariat), the revocation follower
/// (everywhere else), signed lifecycle events, whose authors' keys the registry holds, and
/// members' goals with the secretariat's imports and analytics; on the file store or, with
/// <c>Storage:Provider=AzureBlob</c>, in the container every replica shares. A member's connector
/// (<c>Identity:RegistryAddress</c>) keeps no goals: it forwards goal calls to the secretariat's.
/// </summary>
internal static class MembershipServiceCollectionExtensions
{
    public static IServiceCollection AddMembership(this IServiceCollection services, IConfiguration configuration)
    {
        var forwardsToSecretariat = !string.IsNullOrWhiteSpace(configuration[$"{IdentityOptions.Section}:{nameof(IdentityOptions.RegistryAddress)}"]);
        if (StorageServiceCollectionExtensions.IsAzureBlob(configuration))
        {
            // Secretariat replicas share participants, revocations and lifecycle events through the container.
            services.AddSingleton(sp => new AzureBlobMembershipStore(
                sp.GetRequiredService<IOptions<AzureBlobStoreOptions>>().Value,
                sp.GetRequiredKeyedService<TimeProvider>(StorageServiceCollectionExtensions.StorageClock), sp.GetRequiredService<StoreOutageMonitor>()));
            services.AddSingleton<IMembershipStore>(sp => sp.GetRequiredService<AzureBlobMembershipStore>());
            if (!forwardsToSecretariat)
            {
                // Only the secretariat's connector keeps the registry; a member's follows the secretariat's revocation feed instead.
                services.AddHostedService<MembershipStoreFollower>();
            }
            services.AddSingleton<IEventStore>(sp => new AzureBlobEventStore(
                sp.GetRequiredService<IOptions<AzureBlobStoreOptions>>().Value,
                sp.GetRequiredKeyedService<TimeProvider>(StorageServiceCollectionExtensions.StorageClock), sp.GetRequiredService<StoreOutageMonitor>()));
        }
        else
        {
            services.AddSingleton<IMembershipStore>(sp => new FileMembershipStore(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value));
            services.AddSingleton<IEventStore>(sp => new FileEventStore(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value));
        }
        services.AddSingleton<ICredentialSigner, SecretariatSigner>();
        services.AddSingleton<RevocationBroadcaster>();
        services.AddSingleton<IRevocationBroadcaster>(sp => sp.GetRequiredService<RevocationBroadcaster>());
        services.AddSingleton<MembershipRegistry>();
        services.AddHostedService<RevocationFollower>();
        services.AddSingleton<ParticipantDirectory>();
        services.AddSingleton<IAuthorKeys>(sp => sp.GetRequiredService<ParticipantDirectory>());
        services.AddSingleton<LifecycleEvents>();
        if (forwardsToSecretariat)
        {
            // One membership registry, the secretariat's: a member's connector keeps no goals and passes every goal call on.
            services.AddSingleton<MembershipForwarding>();
            services.AddGrpc().AddServiceOptions<MembershipGrpcService>(options => options.Interceptors.Add<MembershipForwarding>());
            return services;
        }
        if (StorageServiceCollectionExtensions.IsAzureBlob(configuration))
        {
            services.AddSingleton(sp => new AzureBlobGoalStore(
                sp.GetRequiredService<IOptions<AzureBlobStoreOptions>>().Value,
                sp.GetRequiredKeyedService<TimeProvider>(StorageServiceCollectionExtensions.StorageClock), sp.GetRequiredService<StoreOutageMonitor>()));
            services.AddSingleton<IGoalStore>(sp => sp.GetRequiredService<AzureBlobGoalStore>());
            services.AddHostedService<GoalStoreFollower>();
        }
        else
        {
            services.AddSingleton<IGoalStore>(sp => new FileGoalStore(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value));
        }
        services.AddSingleton<GoalBook>();
        services.AddSingleton<MemberImport>();
        services.AddSingleton<GoalImport>();
        services.AddSingleton<GoalAnalytics>();
        services.AddSingleton<GoalsApi>();
        return services;
    }
}
