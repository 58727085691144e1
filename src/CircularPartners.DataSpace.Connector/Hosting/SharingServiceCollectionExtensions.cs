using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.DigitalLink;
using CircularPartners.DataSpace.Domain.Espr;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Interop;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Registers sovereign sharing: offers, negotiation, tokens, filtering, federated query, audit.</summary>
internal static class SharingServiceCollectionExtensions
{
    public static IServiceCollection AddSharing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AuditOperator>();
        services.AddOptions<SharingOptions>().Bind(configuration.GetSection(SharingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        if (StorageServiceCollectionExtensions.IsAzureBlob(configuration))
        {
            // Replicas share offers, negotiations, agreements and the token signing key through the container.
            services.AddSingleton(sp => new AzureBlobSharingStore(
                sp.GetRequiredService<IOptions<AzureBlobStoreOptions>>().Value,
                sp.GetRequiredKeyedService<TimeProvider>(StorageServiceCollectionExtensions.StorageClock), sp.GetRequiredService<StoreOutageMonitor>()));
            services.AddSingleton<ISharingStore>(sp => sp.GetRequiredService<AzureBlobSharingStore>());
            services.AddHostedService<SharingStoreFollower>();
        }
        else
        {
            services.AddSingleton<ISharingStore>(sp => new FileSharingStore(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value));
        }
        // Unless the shared store registered its own (AddAzureBlobAudit): one chain for all replicas.
        services.TryAddSingleton<IAuditLog>(sp => new FileAuditLog(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<SharingOptions>>().Value.AuditSync));
        services.AddSingleton(sp => new DataAccessTokens(
            sp.GetService<AzureBlobSharingStore>()?.CreateTokenSigningKey()
                ?? DataAccessTokens.LoadOrCreateKey(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value.DataDirectory),
            sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SharingOptions>>().Value.TokenLifetimeSeconds),
            sp.GetRequiredService<TokenLifetime>()));
        services.AddSingleton<ITokenIssuer>(sp => sp.GetRequiredService<DataAccessTokens>());
        // Query page tokens are signed with a key derived from the token signing key: replicas share it.
        services.AddSingleton(sp => new PageTokens(() => sp.GetRequiredService<DataAccessTokens>().DeriveKey("cpds/query-page-token/v1")));
        services.AddSingleton<IPassportFilter>(sp => new SchemaPassportFilter(sp.GetRequiredService<SchemaRegistry>()));
        services.AddSingleton<IConnectorChannels, ConnectorChannels>();
        services.AddSingleton<IProviderGateway, GrpcProviderGateway>();
        services.AddSingleton<IAccessRecorder, AuditRecorder>();
        services.AddSingleton<ProviderSharing>();
        services.AddSingleton<ConsumerSharing>();
        services.AddSingleton<SharedPassportReader>();
        services.AddSingleton<ProductResolver>();
        services.AddSingleton<EsprRegistryRecords>();
        services.AddSingleton<PassportExports>();
        services.AddSingleton<ICredentialKeys, Interop.OwnCredentialKeys>();
        services.AddSingleton<PassportImports>();
        services.AddSingleton<Interop.CredentialSigner>();
        services.AddSingleton<Interop.SignedExports>();
        services.AddSingleton<SharingAudit>();
        services.AddSingleton<IRelationshipAudit, RelationshipAudit>();
        services.AddSingleton<TerminationNotices>();
        services.AddSingleton<ReleaseReceipts>();
        services.AddSingleton<SingleUseTokens>();
        services.AddSingleton<ReadAccessPolicy>();
        services.AddSingleton<ReadAccessResolver>();
        services.AddSingleton<ReadAudit>();
        services.AddSingleton<RefusedCredentialAudit>();
        services.AddSingleton<ProviderPipelines>();
        services.AddSingleton<FederatedQuery>();
        services.AddSingleton<AuditApi>();
        services.AddAuditHeads(configuration);
        return services;
    }
}
