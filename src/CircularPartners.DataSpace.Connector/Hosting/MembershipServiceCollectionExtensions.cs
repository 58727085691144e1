using CircularPartners.DataSpace.Connector.Membership;
using CircularPartners.DataSpace.Domain.Events;
using CircularPartners.DataSpace.Domain.Goals;
using CircularPartners.DataSpace.Domain.Goals.Analytics;
using CircularPartners.DataSpace.Domain.Goals.Import;
using CircularPartners.DataSpace.Domain.Membership;
using CircularPartners.DataSpace.Storage.FileSystem;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Registers the membership registry (served by the secretariat), the revocation follower
/// (everywhere else), signed lifecycle events, whose authors' keys the registry holds, and
/// members' goals with the secretariat's imports and analytics.
/// </summary>
internal static class MembershipServiceCollectionExtensions
{
    public static IServiceCollection AddMembership(this IServiceCollection services)
    {
        services.AddSingleton<IMembershipStore>(sp => new FileMembershipStore(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value));
        services.AddSingleton<ICredentialSigner, SecretariatSigner>();
        services.AddSingleton<RevocationBroadcaster>();
        services.AddSingleton<IRevocationBroadcaster>(sp => sp.GetRequiredService<RevocationBroadcaster>());
        services.AddSingleton<MembershipRegistry>();
        services.AddHostedService<RevocationFollower>();
        services.AddSingleton<ParticipantDirectory>();
        services.AddSingleton<IAuthorKeys>(sp => sp.GetRequiredService<ParticipantDirectory>());
        services.AddSingleton<IEventStore>(sp => new FileEventStore(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value));
        services.AddSingleton<LifecycleEvents>();
        services.AddSingleton<IGoalStore>(sp => new FileGoalStore(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value));
        services.AddSingleton<GoalBook>();
        services.AddSingleton<MemberImport>();
        services.AddSingleton<GoalImport>();
        services.AddSingleton<GoalAnalytics>();
        services.AddSingleton<GoalsApi>();
        return services;
    }
}
