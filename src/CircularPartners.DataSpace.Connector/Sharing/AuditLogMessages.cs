namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>Source-generated log messages about the audit log's signed heads and their witness.</summary>
internal static partial class AuditLogMessages
{
    [LoggerMessage(1301, LogLevel.Error, "The audit log is behind its signed head: {Problem}. The gap is recorded in the log and the connector reports itself degraded")]
    public static partial void BehindSignedHead(ILogger logger, string problem);

    [LoggerMessage(1302, LogLevel.Error, "The audit witness ({Witness}) refused head {Sequence}: {Reason}")]
    public static partial void WitnessRefused(ILogger logger, string witness, long sequence, string reason);

    [LoggerMessage(1303, LogLevel.Warning, "The audit witness ({Witness}) could not be reached: {Reason}; the head is sent again at the next signing")]
    public static partial void WitnessUnreachable(ILogger logger, string witness, string reason);

    [LoggerMessage(1304, LogLevel.Error, "Signing the audit head failed")]
    public static partial void SigningFailed(ILogger logger, Exception exception);
}
