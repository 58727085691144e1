using System.ComponentModel.DataAnnotations;

namespace CircularPartners.DataSpace.Connector.Registry;

/// <summary>The use-case registry and this connector's coverage reports (configuration section <c>Registry</c>).</summary>
internal sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>
    /// Seed file loaded into an empty registry (default <c>Registry/seed.json</c>, shipped next to
    /// the connector; a relative path is resolved against the connector's directory). Empty = no seed.
    /// Only the secretariat's connector (no <c>Identity:RegistryAddress</c>) keeps a registry.
    /// </summary>
    public string SeedFile { get; set; } = Path.Combine("Registry", "seed.json");

    /// <summary>How often this connector reports its measured coverage, in seconds (default hourly; 0 = only on demand).</summary>
    [Range(0, 7 * 24 * 3600)]
    public int ReportIntervalSeconds { get; set; } = 3600;

    /// <summary>
    /// File holding the operator's membership credential, under which a member's connector sends its
    /// scheduled reports to the registry at <c>Identity:RegistryAddress</c> (read at each report, so a
    /// renewed credential is picked up). Empty: scheduled reports go only to this connector's own registry.
    /// </summary>
    public string? ReportCredentialPath { get; set; }
}
