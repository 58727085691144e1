namespace CircularPartners.DataSpace.Portal.Hosting;

/// <summary>Where the portal finds the connectors (configuration section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>
    /// The member's own connector (gRPC address): passports, offers, agreements and the access log.
    /// Default <c>http://127.0.0.1:5080</c>, the connector's own default.
    /// </summary>
    public string Connector { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// The secretariat's connector (gRPC address): membership, the use-case registry, goals and
    /// analytics. Empty: the same as <see cref="Connector"/>.
    /// </summary>
    public string? Secretariat { get; set; }

    /// <summary>Per-call deadline in seconds (default 10), so a stalled connector cannot hang a page.</summary>
    public int CallTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Development profile only: the connector's development credential (its
    /// <c>data/identity/credential.jwt</c>). The sign-in page then offers the local participants:
    /// the credential's own participant, and every member, with a credential the portal asks the
    /// secretariat's connector to issue. Empty: members sign in with their own credential only.
    /// </summary>
    public string? DevelopmentCredential { get; set; }

    /// <summary>Development profile only: sign a visitor in as the development credential's participant.</summary>
    public bool DevelopmentAutoSignIn { get; set; }

    internal Uri ConnectorUri => new(Connector);

    internal Uri SecretariatUri => new(string.IsNullOrWhiteSpace(Secretariat) ? Connector : Secretariat);
}
