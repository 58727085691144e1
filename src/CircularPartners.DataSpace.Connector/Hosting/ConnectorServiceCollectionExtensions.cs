using CircularPartners.DataSpace.Connector.Grpc;
using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;
using CircularPartners.DataSpace.Storage.FileSystem;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Registers the connector's parts; <c>Program</c> only calls these.</summary>
internal static class ConnectorServiceCollectionExtensions
{
    public static IServiceCollection AddPassports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PassportOptions>().Bind(configuration.GetSection(PassportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PassportOptions>>().Value);
        services.AddSingleton(sp => SchemaRegistry.Load(sp.GetRequiredService<PassportOptions>().SchemaDirectory));
        services.AddSingleton<PassportValidator>();
        services.AddSingleton<PassportIndex>();
        services.AddSingleton<PassportOperations>();
        services.AddSingleton<BulkPublisher>();
        services.AddHostedService<IndexLoader>();
        return services;
    }

    public static IServiceCollection AddFileStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFileStoreOptions(configuration);
        services.AddSingleton(sp =>
        {
            var store = FilePassportStore.Open(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value);
            var logger = sp.GetRequiredService<ILogger<FilePassportStore>>();
            if (store.DiscardedBytes > 0)
            {
                StoreLog.TornTailCut(logger, store.DiscardedBytes, StoreLog.Describe(store.TornTailVersions));
            }
            foreach (var damage in store.Damage)
            {
                StoreLog.DamageFound(logger, damage.Offset, damage.Length, damage.QuarantinePath ?? "(nothing to keep)", StoreLog.Describe(damage.Versions));
            }
            return store;
        });
        services.AddSingleton<IPassportStore>(sp => sp.GetRequiredService<FilePassportStore>());
        return services;
    }

    /// <summary>The <c>Storage</c> section, its data directory made absolute (<see cref="DataDirectoryResolver"/>).</summary>
    public static IServiceCollection AddFileStoreOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FileStoreOptions>().Bind(configuration.GetSection("Storage")).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton<IPostConfigureOptions<FileStoreOptions>, DataDirectoryResolver>());
        return services;
    }

    public static IServiceCollection AddMembershipIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => TrustedIssuerFactory.Create(
            sp.GetRequiredService<IOptions<IdentityOptions>>().Value,
            sp.GetRequiredService<IOptions<FileStoreOptions>>().Value.DataDirectory,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MembershipCredentialValidator>>()));
        services.AddSingleton(sp => new MembershipCredentialValidator(
            sp.GetRequiredService<TrustedIssuer>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<TokenLifetime>(),
            sp.GetRequiredService<RevocationList>()));
        services.AddSingleton(sp => new TokenLifetime(sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<IdentityOptions>>().Value.ClockSkewSeconds)));
        services.AddSingleton<RevocationList>();
        return services;
    }

    /// <summary>
    /// What the transport accepts: well above the body limit (at least 64 MB; twice the limit for
    /// UTF-16 bodies and the envelope), so an oversized passport gets the body limit's clear
    /// INVALID_ARGUMENT (`too_large`, naming the setting) instead of the transport's own refusal.
    /// </summary>
    private static int TransportLimit(PassportOptions limits) => Math.Max(64 * 1024 * 1024, 2 * limits.MaxBodyBytes + 64 * 1024);

    public static IServiceCollection AddConnectorGrpc(this IServiceCollection services, PassportOptions limits)
    {
        services.AddGrpc(options =>
        {
            options.Interceptors.Add<ErrorMappingInterceptor>();
            options.MaxReceiveMessageSize = TransportLimit(limits);
        }).AddJsonTranscoding(options =>
            // REST clients get the same error details as gRPC ones; transcoding must know their types.
            options.TypeRegistry = TypeRegistry.FromMessages(
                BadRequest.Descriptor, ErrorInfo.Descriptor, ResourceInfo.Descriptor, PreconditionFailure.Descriptor));
        // REST bodies get the same room as gRPC messages, so both answer an oversized passport alike.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = TransportLimit(limits));
        services.AddGrpcReflection();
        // gRPC health service names: "ready" (readiness probe: the store answers), "live" (liveness
        // probe: the process answers), "" (everything).
        services.AddGrpcHealthChecks(options =>
        {
            options.UseHealthChecksCache = false;
            options.Services.Map("ready", r => r.Tags.Contains("ready"));
            options.Services.Map("live", r => r.Tags.Contains("live"));
        })
            .AddCheck<StoreHealthCheck>("store", tags: ["ready"])
            .AddCheck<LivenessCheck>("process", tags: ["live"]);
        return services;
    }
}
