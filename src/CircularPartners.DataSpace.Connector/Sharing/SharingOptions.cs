using System.ComponentModel.DataAnnotations;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>Sovereign sharing settings (configuration section <c>Sharing</c>).</summary>
public sealed class SharingOptions
{
    public const string Section = "Sharing";

    /// <summary>Lifetime of a data-access token in seconds (default 300); refresh while the agreement stands.</summary>
    [Range(10, 86_400)]
    public int TokenLifetimeSeconds { get; set; } = 300;
}
