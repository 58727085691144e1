using System.ComponentModel.DataAnnotations;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// The public view of passports (configuration section <c>PublicView</c>, Helm
/// <c>publicView.*</c>): readable without a credential, rate-limited per client address.
/// </summary>
public sealed class PublicViewOptions
{
    public const string Section = "PublicView";
    public const string RateLimitPolicy = "public-view";
    public const string DisabledRule = "public-view.disabled";

    /// <summary>Whether anyone may read the public fields of active passports without a credential (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Public-view reads allowed per client address per minute (default 120).</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerMinute { get; set; } = 120;
}
