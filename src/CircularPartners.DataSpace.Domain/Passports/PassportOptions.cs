using System.ComponentModel.DataAnnotations;

namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>Limits and locations for passport handling (configuration section <c>Passports</c>).</summary>
public sealed class PassportOptions
{
    public const string Section = "Passports";

    /// <summary>Largest accepted body in bytes (default 4 MiB).</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Deepest accepted nesting of objects and arrays (default 64).</summary>
    [Range(4, 1000)]
    public int MaxDepth { get; set; } = 64;

    /// <summary>Directory holding the JSON Schemas (default: <c>schemas</c> beside the executable).</summary>
    [Required]
    public string SchemaDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "schemas");
}
