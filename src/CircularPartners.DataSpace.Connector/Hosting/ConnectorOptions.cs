namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>The connector itself (configuration section <c>Connector</c>).</summary>
public sealed class ConnectorOptions
{
    public const string Section = "Connector";

    /// <summary>
    /// The participant this connector runs for (its operator). Required outside the development
    /// profile, where it defaults to the development participant.
    /// </summary>
    public string? Operator { get; set; }
}
