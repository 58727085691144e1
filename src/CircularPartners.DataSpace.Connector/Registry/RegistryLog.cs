namespace CircularPartners.DataSpace.Connector.Registry;

/// <summary>Source-generated log messages of the use-case registry.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(501, LogLevel.Information, "Use-case registry seeded with {UseCases} use cases and {Categories} categories from {SeedFile} (seed data, to be confirmed by the secretariat)")]
    public static partial void Seeded(ILogger logger, int useCases, int categories, string seedFile);

    [LoggerMessage(502, LogLevel.Warning, "Use-case registry is empty and the seed file {SeedFile} does not exist (setting Registry:SeedFile)")]
    public static partial void SeedMissing(ILogger logger, string seedFile);
}
