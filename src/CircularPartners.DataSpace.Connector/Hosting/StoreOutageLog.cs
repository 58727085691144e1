using CircularPartners.DataSpace.Storage.AzureBlob;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Logs each storage outage twice, when it starts (with its cause) and when it ends (with its duration).</summary>
internal sealed class StoreOutageLog(ILoggerFactory loggers) : IStoreOutageObserver
{
    /// <summary>The category of storage reachability lines, so operators can route them apart.</summary>
    public const string Category = "CircularPartners.DataSpace.Storage";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void OutageStarted(string store, string cause) => StoreLog.OutageStarted(_logger, store, cause);

    public void OutageEnded(string store, TimeSpan duration, long failedCalls) => StoreLog.OutageEnded(_logger, store, duration.TotalSeconds, failedCalls);
}
