using System.ComponentModel.DataAnnotations;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// The public view of passports (configuration section <c>PublicView</c>, Helm
/// <c>publicView.*</c>): readable without a credential, rate-limited per client address, by
/// passport id and by GS1 Digital Link.
/// </summary>
public sealed class PublicViewOptions : IValidatableObject
{
    public const string Section = "PublicView";
    public const string RateLimitPolicy = "public-view";
    public const string DisabledRule = "public-view.disabled";

    /// <summary>Whether anyone may read the public fields of active passports without a credential (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Public-view reads allowed per client address per minute (default 120).</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerMinute { get; set; } = 120;

    /// <summary>
    /// The absolute http(s) address under which the REST port is reached from outside (e.g.
    /// <c>https://dpp.example.jp</c>; Helm <c>publicView.baseUrl</c>): the live URL of ESPR registry
    /// records and the links of Digital Link linksets. Empty (default): the resolver uses the
    /// address each request came to, and registry records report the live URL missing.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// The address of the backup copy of this connector's public passports kept by a DPP service
    /// provider (ESPR Art. 10; Helm <c>publicView.backupBaseUrl</c>). Empty (default): registry
    /// records report the backup URL missing.
    /// </summary>
    public string? BackupBaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, helm, value) in new[] { ("BaseUrl", "baseUrl", BaseUrl), ("BackupBaseUrl", "backupBaseUrl", BackupBaseUrl) })
        {
            if (!string.IsNullOrEmpty(value) && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                yield return new ValidationResult(
                    $"{Section}:{name} must be an absolute http(s) URL or empty, not '{value}' (Helm publicView.{helm}).", [name]);
            }
        }
    }
}
