using Azure.Storage.Blobs;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// The Azure Blob Storage store (configuration section <c>Storage:AzureBlob</c>, chosen with
/// <c>Storage:Provider = AzureBlob</c>). Give either a connection string or an account URL; with
/// an account URL the credential comes from Azure.Identity's default chain (workload identity,
/// managed identity, environment, developer tools).
/// </summary>
public sealed partial class AzureBlobStoreOptions
{
    public const string Section = "Storage:AzureBlob";

    /// <summary>A storage connection string (Azurite, or an account key). Mutually exclusive with <see cref="AccountUrl"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob endpoint, e.g. <c>https://account.blob.core.windows.net</c>, used with the default Azure credential.</summary>
    public string? AccountUrl { get; set; }

    /// <summary>Container holding heads, versions and the journal (default <c>passports</c>); created when missing.</summary>
    public string ContainerName { get; set; } = "passports";

    /// <summary>How often a replica polls the change journal and the sharing records for other replicas' writes (default 250 ms): the bound on how late an agreement terminated through another replica is honoured.</summary>
    public int JournalPollMilliseconds { get; set; } = 250;

    /// <summary>Timeout of one storage request attempt (default 10 s).</summary>
    public int AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>Retries of a transient failure, with jittered exponential back-off (default 3).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>How long the circuit stays open after the store keeps failing (default 5 s).</summary>
    public int BreakSeconds { get; set; } = 5;

    /// <summary>Every problem with these settings, each naming the setting to fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        BlobContainerAddress.Validate(ConnectionString, AccountUrl, ContainerName, "Storage:AzureBlob", "storage.azureBlob", errors);
        if (JournalPollMilliseconds is < 10 or > 60_000)
        {
            errors.Add("Storage:AzureBlob:JournalPollMilliseconds must be between 10 and 60000.");
        }
        if (AttemptTimeoutSeconds is < 1 or > 300)
        {
            errors.Add("Storage:AzureBlob:AttemptTimeoutSeconds must be between 1 and 300.");
        }
        if (MaxRetries is < 0 or > 10)
        {
            errors.Add("Storage:AzureBlob:MaxRetries must be between 0 and 10.");
        }
        if (BreakSeconds is < 1 or > 300)
        {
            errors.Add("Storage:AzureBlob:BreakSeconds must be between 1 and 300.");
        }
        return errors;
    }

    /// <summary>Adjusts the SDK client before it is built; the load generator adds a policy counting storage requests.</summary>
    internal Action<BlobClientOptions>? ConfigureClient { get; set; }

    /// <summary>A client of the configured container; the Polly pipeline is the only retry layer, so the SDK must not retry underneath it.</summary>
    internal BlobContainerClient CreateContainerClient()
    {
        var clientOptions = new BlobClientOptions { Retry = { MaxRetries = 0 } };
        ConfigureClient?.Invoke(clientOptions);
        return BlobContainerAddress.Connect(ConnectionString, AccountUrl, ContainerName, clientOptions);
    }
}
