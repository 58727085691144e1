using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Chooses the passport store from <c>Storage:Provider</c>.</summary>
internal static class StorageServiceCollectionExtensions
{
    /// <summary>The clock of storage I/O timing (retry back-off, timeouts, circuit breaker, journal polling).</summary>
    public const string StorageClock = "storage";

    public static IServiceCollection AddPassportStore(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetValue<string>("Storage:Provider");
        if (string.IsNullOrWhiteSpace(provider) || string.Equals(provider, nameof(StorageProvider.File), StringComparison.OrdinalIgnoreCase))
        {
            return services.AddFileStore(configuration);
        }
        if (string.Equals(provider, nameof(StorageProvider.AzureBlob), StringComparison.OrdinalIgnoreCase))
        {
            return services.AddAzureBlobStore(configuration);
        }
        throw new OptionsValidationException("Storage:Provider", typeof(StorageOptions),
            [$"Storage:Provider must be File or AzureBlob, not '{provider}' (Helm: storage.provider)."]);
    }

    /// <summary>Whether <c>Storage:Provider</c> selects the shared Azure Blob store.</summary>
    public static bool IsAzureBlob(IConfiguration configuration) =>
        string.Equals(configuration.GetValue<string>("Storage:Provider"), nameof(StorageProvider.AzureBlob), StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddAzureBlobStore(this IServiceCollection services, IConfiguration configuration)
    {
        // The file store's options still hold the data directory of the development identity.
        services.AddFileStoreOptions(configuration);
        services.AddOptions<AzureBlobStoreOptions>().Bind(configuration.GetSection(AzureBlobStoreOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AzureBlobStoreOptions>, AzureBlobStoreOptionsValidator>();
        // Storage timing runs on real time even when the domain's clock is a test's frozen one: a
        // frozen clock must not freeze back-off, timeouts or journal polling.
        services.AddKeyedSingleton(StorageClock, (_, _) => TimeProvider.System);
        // One monitor for every adapter on the container, so an outage is reported once, not per adapter or call.
        services.AddSingleton<IStoreOutageObserver, StoreOutageLog>();
        services.AddSingleton(sp => new StoreOutageMonitor(
            $"Azure Blob container '{sp.GetRequiredService<IOptions<AzureBlobStoreOptions>>().Value.ContainerName}'",
            sp.GetRequiredKeyedService<TimeProvider>(StorageClock), sp.GetRequiredService<IStoreOutageObserver>()));
        services.AddSingleton(sp => new AzureBlobPassportStore(
            sp.GetRequiredService<IOptions<AzureBlobStoreOptions>>().Value,
            sp.GetRequiredKeyedService<TimeProvider>(StorageClock), sp.GetRequiredService<StoreOutageMonitor>()));
        services.AddSingleton<IPassportStore>(sp => sp.GetRequiredService<AzureBlobPassportStore>());
        services.AddSingleton<IPassportChangeFeed>(sp => sp.GetRequiredService<AzureBlobPassportStore>());
        services.AddHostedService<ChangeFeedFollower>();
        services.AddAzureBlobAudit();
        return services;
    }
}

/// <summary>Reports every invalid Azure Blob setting at start-up, each by name.</summary>
internal sealed class AzureBlobStoreOptionsValidator : IValidateOptions<AzureBlobStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureBlobStoreOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
