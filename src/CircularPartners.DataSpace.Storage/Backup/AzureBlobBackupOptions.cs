using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using CircularPartners.DataSpace.Storage.AzureBlob;

namespace CircularPartners.DataSpace.Storage.Backup;

/// <summary>
/// The blob container a connector copies its passports to (configuration section
/// <c>Backup:AzureBlob</c>, used with <c>Backup:Target = AzureBlob</c>). Give either a connection
/// string or an account URL (credential from Azure.Identity's default chain). For the copy to
/// survive the loss of the primary's provider, put it in another storage account, ideally another
/// region or provider's account.
/// </summary>
public sealed partial class AzureBlobBackupOptions
{
    public const string Section = "Backup:AzureBlob";

    /// <summary>A storage connection string (Azurite, or an account key). Mutually exclusive with <see cref="AccountUrl"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob endpoint, e.g. <c>https://backupaccount.blob.core.windows.net</c>, used with the default Azure credential.</summary>
    public string? AccountUrl { get; set; }

    /// <summary>Container of the copy (default <c>passport-backup</c>); created when missing.</summary>
    public string ContainerName { get; set; } = "passport-backup";

    /// <summary>Folder inside the container (default none), so several connectors can share one container.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Every problem with these settings, each naming the setting and the Helm value to fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        BlobContainerAddress.Validate(ConnectionString, AccountUrl, ContainerName, "Backup:AzureBlob", "backup.azureBlob", errors);
        if (!PrefixPattern().IsMatch(Prefix ?? ""))
        {
            errors.Add("Backup:AzureBlob:Prefix must be empty or letters, digits, '-', '_', '.' and '/' ending with '/', e.g. connector-a/ (Helm: backup.azureBlob.prefix).");
        }
        return errors;
    }

    /// <summary>The container, through the SDK's own retries (the one retry layer of backup calls).</summary>
    public BlobContainerClient CreateContainerClient()
    {
        var clientOptions = new BlobClientOptions { Retry = { MaxRetries = 3, NetworkTimeout = TimeSpan.FromSeconds(30) } };
        return BlobContainerAddress.Connect(ConnectionString, AccountUrl, ContainerName, clientOptions);
    }

    [GeneratedRegex("^([A-Za-z0-9._-]+/)*$")]
    private static partial Regex PrefixPattern();
}
