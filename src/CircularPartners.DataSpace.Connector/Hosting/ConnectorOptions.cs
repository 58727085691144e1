namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Who this connector runs for (configuration section <c>Connector</c>).
/// </summary>
public sealed class ConnectorOptions
{
    public const string Section = "Connector";

    /// <summary>
    /// The participant id of the connector's operator; empty = the development profile's
    /// <c>local-participant</c> when no <c>Identity:Issuer</c> is configured.
    /// </summary>
    public string? Operator { get; set; }
}
