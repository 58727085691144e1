namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Source-generated log messages about the passport store's integrity and reachability.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(5, LogLevel.Warning, "Cut off a torn tail of {Bytes} bytes (never acknowledged) from the passport log; kept in the quarantine folder. Records recognisable in it: {Versions}")]
    public static partial void TornTailCut(ILogger logger, long bytes, string versions);

    [LoggerMessage(40, LogLevel.Error, "Passport store damage at offset {Offset} ({Length} bytes), kept in {QuarantinePath}; damaged passport versions, not served: {Versions}. Restore them from a backup or republish them.")]
    public static partial void DamageFound(ILogger logger, long offset, long length, string quarantinePath, string versions);

    [LoggerMessage(41, LogLevel.Warning, "The {Store} is unreachable ({Cause}); calls that need it are answered UNAVAILABLE and this replica may not see other replicas' changes until it is back. Logged once per outage; the recovery is logged too.")]
    public static partial void OutageStarted(ILogger logger, string store, string cause);

    [LoggerMessage(42, LogLevel.Warning, "The {Store} is reachable again after an outage of {Seconds:F1} s ({FailedCalls} storage calls failed meanwhile)")]
    public static partial void OutageEnded(ILogger logger, string store, double seconds, long failedCalls);

    public static string Describe(IEnumerable<Domain.Passports.DamagedVersion> versions) =>
        string.Join(", ", versions.Select(v => $"{v.PassportId} v{v.Version}")) is { Length: > 0 } list ? list : "none recognisable";
}
