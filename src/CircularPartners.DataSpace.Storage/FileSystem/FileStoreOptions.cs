using System.ComponentModel.DataAnnotations;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>The embedded file store (configuration section <c>Storage</c>).</summary>
public sealed class FileStoreOptions
{
    /// <summary>Directory for the passport log and the development identity (default <c>./data</c>).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Most appends written under one flush (group commit).</summary>
    [Range(1, 100_000)]
    public int MaxBatch { get; set; } = 2048;
}
