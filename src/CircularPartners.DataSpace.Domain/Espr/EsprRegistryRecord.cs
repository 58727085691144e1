namespace CircularPartners.DataSpace.Domain.Espr;

/// <summary>
/// What the EU digital product passport registry (ESPR Art. 13) needs about one passport. Every
/// value comes from the passport (or, for the URLs, from this connector's settings); a value that
/// is not there stays null and is listed in <see cref="Missing"/> with the reason, never guessed.
/// </summary>
public sealed record EsprRegistryRecord(
    string PassportId,
    long Version,
    EsprIdentifier? UniqueProductIdentifier,
    EsprIdentifier? OperatorIdentifier,
    IReadOnlyList<EsprIdentifier> FacilityIdentifiers,
    string? CommodityCode,
    string? DataCarrierType,
    string? Granularity,
    string? LiveUrl,
    string? BackupUrl,
    IReadOnlyList<MissingRegistryField> Missing);

/// <summary>An identifier with its scheme (<c>gs1-digital-link</c>, <c>jp-cn</c>, <c>gln</c>, ...).</summary>
public sealed record EsprIdentifier(string Scheme, string Value);

/// <summary>A registry field the passport does not carry, and where it would have been read from.</summary>
public sealed record MissingRegistryField(string Field, string Reason);

/// <summary>This connector's addresses for the URLs of a registry record; null when not configured.</summary>
public sealed record PassportAddresses(string? LiveBaseUrl, string? BackupBaseUrl);
