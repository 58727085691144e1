namespace CircularPartners.DataSpace.Connector.Registry;

/// <summary>Source-generated log messages of the use-case registry.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(501, LogLevel.Information, "Use-case registry seeded with {UseCases} use cases and {Categories} categories from {SeedFile} (seed data, to be confirmed by the secretariat)")]
    public static partial void Seeded(ILogger logger, int useCases, int categories, string seedFile);

    [LoggerMessage(502, LogLevel.Warning, "Use-case registry is empty and the seed file {SeedFile} does not exist (setting Registry:SeedFile)")]
    public static partial void SeedMissing(ILogger logger, string seedFile);

    [LoggerMessage(503, LogLevel.Information, "Reported measured coverage ({Cells} cells) to the use-case registry ({Registry})")]
    public static partial void Reported(ILogger logger, int cells, string registry);

    [LoggerMessage(504, LogLevel.Warning, "Could not report measured coverage to the use-case registry ({Registry}): {Reason}; trying again at the next interval")]
    public static partial void ReportFailed(ILogger logger, string registry, string reason);

    [LoggerMessage(505, LogLevel.Information, "Scheduled coverage reports are off (registry {Registry}); set Registry:ReportIntervalSeconds, and Registry:ReportCredentialPath for a member's connector, or run 'cpds registry report'")]
    public static partial void ScheduledReportsOff(ILogger logger, string registry);
}
