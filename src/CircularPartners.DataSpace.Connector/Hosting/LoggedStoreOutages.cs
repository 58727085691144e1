using CircularPartners.DataSpace.Storage.AzureBlob;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Logs each storage outage twice: a warning when a storage path first fails, and one when it
/// works again, however many calls failed in between.
/// </summary>
internal sealed partial class LoggedStoreOutages(ILogger<LoggedStoreOutages> logger) : IStoreOutageObserver
{
    public void OutageBegan(string path, string problem) => Began(logger, path, problem);

    public void OutageEnded(string path, TimeSpan lasted) => Ended(logger, path, (long)lasted.TotalSeconds);

    [LoggerMessage(1501, LogLevel.Warning, "The store does not answer for the {Path}: {Problem}. Calls that need it fail until it answers again")]
    private static partial void Began(ILogger logger, string path, string problem);

    [LoggerMessage(1502, LogLevel.Warning, "The store answers again for the {Path}, after an outage of {Seconds} s")]
    private static partial void Ended(ILogger logger, string path, long seconds);
}
