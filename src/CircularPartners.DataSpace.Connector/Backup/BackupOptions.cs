using CircularPartners.DataSpace.Storage.Backup;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Backup;

/// <summary>
/// The continuous backup (configuration section <c>Backup</c>, Helm <c>backup.*</c>): off unless
/// <see cref="Target"/> is set. Every acknowledged passport version and every signed audit head
/// is copied once to the target; <c>cpds store restore</c> rebuilds a store from it.
/// </summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Empty (default: no backup) or <c>AzureBlob</c> (a blob container, <c>Backup:AzureBlob:*</c>).</summary>
    public string Target { get; set; } = "";

    /// <summary>Versions read from the log and copied per round, the unit the checkpoint moves by (default 256).</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Copies in flight at once (default 8).</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>Wait before trying an unreachable target again (default 5 s).</summary>
    public int RetrySeconds { get; set; } = 5;

    /// <summary>How often an idle follower looks for a newly signed audit head (default 5 s); versions are copied as soon as they are acknowledged.</summary>
    public int AuditHeadPollSeconds { get; set; } = 5;

    public bool Enabled => !string.IsNullOrWhiteSpace(Target);

    internal bool IsAzureBlob => string.Equals(Target, "AzureBlob", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Reports every invalid backup setting at start-up, each naming the setting and its Helm value.</summary>
internal sealed class BackupOptionsValidator(IConfiguration configuration) : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var errors = new List<string>();
        if (!options.IsAzureBlob)
        {
            errors.Add($"Backup:Target must be empty (no backup) or AzureBlob, not '{options.Target}' (Helm: backup.target).");
        }
        else
        {
            errors.AddRange((configuration.GetSection(AzureBlobBackupOptions.Section).Get<AzureBlobBackupOptions>() ?? new AzureBlobBackupOptions()).Validate());
        }
        if (Hosting.StorageServiceCollectionExtensions.IsAzureBlob(configuration))
        {
            errors.Add("Backup:Target copies the embedded file store (Storage:Provider File); an Azure Blob store is backed up with Azure object replication to a second account (docs/operations.md) (Helm: backup.target, storage.provider).");
        }
        if (options.BatchSize is < 1 or > 10_000)
        {
            errors.Add("Backup:BatchSize must be between 1 and 10000 (Helm: backup.batchSize).");
        }
        if (options.Parallelism is < 1 or > 64)
        {
            errors.Add("Backup:Parallelism must be between 1 and 64 (Helm: backup.parallelism).");
        }
        if (options.RetrySeconds is < 1 or > 3600)
        {
            errors.Add("Backup:RetrySeconds must be between 1 and 3600 (Helm: backup.retrySeconds).");
        }
        if (options.AuditHeadPollSeconds is < 1 or > 3600)
        {
            errors.Add("Backup:AuditHeadPollSeconds must be between 1 and 3600 (Helm: backup.auditHeadPollSeconds).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
