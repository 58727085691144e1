using System.ComponentModel.DataAnnotations;

namespace CircularPartners.DataSpace.Connector.Identity;

/// <summary>
/// Who issues the membership credentials this connector trusts (configuration section
/// <c>Identity</c>). With no issuer configured, the connector runs the development profile: it
/// creates a local issuer under the data directory and writes a ready credential.
/// </summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>The trusted issuer (<c>iss</c>); empty = development profile.</summary>
    public string? Issuer { get; set; }

    /// <summary>PEM file with the issuer's ES256 public key; required when <see cref="Issuer"/> is set.</summary>
    public string? IssuerPublicKeyPath { get; set; }

    /// <summary>The audience (<c>aud</c>) credentials must be addressed to.</summary>
    [Required]
    public string Audience { get; set; } = "circularpartners-dataspace";

    /// <summary>
    /// gRPC address of the secretariat's connector whose revocation feed this connector follows;
    /// empty when this connector is the registry itself (or stands alone).
    /// </summary>
    public string? RegistryAddress { get; set; }

    /// <summary>Tolerated clock difference with the issuer, in seconds (default 30).</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;
}
