namespace CircularPartners.DataSpace.Connector.Backup;

/// <summary>Source-generated log messages of the continuous backup.</summary>
internal static partial class BackupLog
{
    [LoggerMessage(2101, LogLevel.Information, "Backup to {Target}: resuming after {Versions} version(s) already copied; {Pending} to copy")]
    public static partial void Resuming(ILogger logger, string target, long versions, long pending);

    [LoggerMessage(2102, LogLevel.Warning, "Backup target {Target} is unreachable ({Reason}); acknowledged versions wait and are copied once it answers")]
    public static partial void OutageStarted(ILogger logger, string target, string reason);

    [LoggerMessage(2103, LogLevel.Information, "Backup target {Target} answers again after {Seconds} s; catching up")]
    public static partial void OutageEnded(ILogger logger, string target, long seconds);

    [LoggerMessage(2104, LogLevel.Error, "Passport {PassportId} v{Version} is damaged in this connector's store and cannot be backed up")]
    public static partial void DamagedNotCopied(ILogger logger, string passportId, long version);

    [LoggerMessage(2105, LogLevel.Error, "Backup target {Target} holds a different {PassportId} v{Version}; it was left alone. Is another connector backing up into the same container and prefix?")]
    public static partial void Conflict(ILogger logger, string target, string passportId, long version);

    [LoggerMessage(2106, LogLevel.Critical, "The backup follower stopped; nothing more is copied to {Target}")]
    public static partial void Stopped(ILogger logger, Exception exception, string target);
}
