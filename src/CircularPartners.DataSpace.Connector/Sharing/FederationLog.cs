namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// Source-generated log messages about connector-to-connector links: a provider's outage as seen
/// by federated queries, and members following the secretariat's revocation feed. An outage is
/// two lines, one when it starts and one when it ends, never a line per refused call.
/// </summary>
internal static partial class FederationLog
{
    [LoggerMessage(1401, LogLevel.Warning, "The provider connector at {Address} is failing ({Problem}); federated queries skip it and probe it again every {ProbeSeconds} s")]
    public static partial void ProviderOutageStarted(ILogger logger, string address, string problem, int probeSeconds);

    [LoggerMessage(1402, LogLevel.Warning, "The provider connector at {Address} answers again after an outage of {Seconds} s")]
    public static partial void ProviderOutageEnded(ILogger logger, string address, long seconds);

    [LoggerMessage(1403, LogLevel.Information, "A member connector stopped following the revocation feed ({Reason}); it catches up from its last acknowledged sequence when it reconnects")]
    public static partial void RevocationFollowerLeft(ILogger logger, string reason);
}
