using CircularPartners.DataSpace.Connector.Backup;
using CircularPartners.DataSpace.Domain.Backup;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.Backup;
using CircularPartners.DataSpace.Storage.FileSystem;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Registers the continuous backup (<c>Backup:*</c>), off unless <c>Backup:Target</c> is set.</summary>
internal static class BackupServiceCollectionExtensions
{
    public static IServiceCollection AddBackup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>();
        var enabled = (configuration.GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions()).Enabled;
        if (!enabled)
        {
            services.AddSingleton(sp => new BackupProgress(null, sp.GetRequiredService<TimeProvider>()));
            return services;
        }
        services.AddOptions<AzureBlobBackupOptions>().Bind(configuration.GetSection(AzureBlobBackupOptions.Section));
        services.AddSingleton<IBackupTarget>(sp => new AzureBlobBackupTarget(sp.GetRequiredService<IOptions<AzureBlobBackupOptions>>().Value));
        // Only the file store keeps a log in commit order (the validator refuses the others).
        services.AddSingleton(sp => sp.GetRequiredService<IPassportStore>() as IPassportVersionLog
            ?? throw new InvalidOperationException("Backup:Target needs Storage:Provider File."));
        services.AddSingleton(sp => new BackupProgress(sp.GetRequiredService<IPassportVersionLog>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BackupMetrics>();
        // Waits run on real time even when the domain's clock is a test's frozen one.
        services.AddHostedService(sp => new BackupFollower(
            sp.GetRequiredService<IPassportVersionLog>(), sp.GetRequiredService<IBackupTarget>(), sp.GetRequiredService<BackupProgress>(),
            sp.GetRequiredService<BackupMetrics>(), sp, sp.GetRequiredService<IOptions<BackupOptions>>(),
            BackupCheckpoint.PathIn(sp.GetRequiredService<IOptions<FileStoreOptions>>().Value.DataDirectory),
            TimeProvider.System, sp.GetRequiredService<ILogger<BackupFollower>>()));
        services.AddHealthChecks().AddCheck<BackupHealthCheck>("backup", tags: ["ready", "backup"]);
        return services;
    }
}
