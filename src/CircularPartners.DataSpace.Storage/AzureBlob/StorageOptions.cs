namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>Which passport store the connector uses (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary><c>File</c> (default): the embedded single-node store. <c>AzureBlob</c>: shared by several replicas.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.File;
}

public enum StorageProvider
{
    File,
    AzureBlob,
}
