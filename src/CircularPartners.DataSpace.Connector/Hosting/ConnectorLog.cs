namespace CircularPartners.DataSpace.Connector;

/// <summary>Source-generated log messages of the connector host.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(1, LogLevel.Error, "Unhandled error in {Method} (correlation id {CorrelationId})")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string method, string correlationId);

    [LoggerMessage(2, LogLevel.Warning, "Development profile: no Identity:Issuer configured. Created a local issuer; a ready credential for participant '{Participant}' is at {CredentialPath}")]
    public static partial void DevelopmentIdentityCreated(ILogger logger, string participant, string credentialPath);

    [LoggerMessage(3, LogLevel.Information, "Development profile: credential for participant '{Participant}' is at {CredentialPath}")]
    public static partial void DevelopmentIdentityReused(ILogger logger, string participant, string credentialPath);

    [LoggerMessage(4, LogLevel.Information, "Query index rebuilt: {Count} passports in {ElapsedMs} ms")]
    public static partial void IndexRebuilt(ILogger logger, int count, long elapsedMs);

    [LoggerMessage(6, LogLevel.Warning, "Lost the revocation feed of the registry at {Address} ({Status}); reconnecting")]
    public static partial void RevocationFeedLost(ILogger logger, string address, string status);

    [LoggerMessage(7, LogLevel.Warning, "Could not tell the consumer connector at {Address} that agreement {AgreementId} was terminated ({Problem})")]
    public static partial void TerminationNoticeUndelivered(ILogger logger, string address, string agreementId, string problem);

    [LoggerMessage(8, LogLevel.Information, "Data directory: {DataDirectory}")]
    public static partial void DataDirectory(ILogger logger, string dataDirectory);

    [LoggerMessage(9, LogLevel.Warning, "The revocation feed of the registry at {Address} is back after {Seconds} s")]
    public static partial void RevocationFeedRestored(ILogger logger, string address, long seconds);

    [LoggerMessage(10, LogLevel.Information, "The caller of {Method} went away before the call ended ({Reason}; correlation id {CorrelationId})")]
    public static partial void CallerWentAway(ILogger logger, string method, string reason, string correlationId);
}
