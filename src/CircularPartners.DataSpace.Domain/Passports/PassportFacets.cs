using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>The values a passport is found by, extracted once at publish time and stored with it.</summary>
/// <remarks>
/// Each value carries the lowest access level at which a reader sees it (the least restricted of
/// its occurrences, each at the highest class along its path), so a query matches only what the
/// caller could read. A level that is missing (versions stored before levels existed) counts as
/// <see cref="AccessLevel.Owner"/>: an old record is found by fewer callers, never by more.
/// </remarks>
public sealed record PassportFacets(
    string UseCase,
    string Category,
    IReadOnlyList<string> Materials,
    IReadOnlyList<string> CasNumbers,
    double? RecycledContentPercent)
{
    public static readonly PassportFacets Empty = new("", "", [], [], null);

    /// <summary>The level of each of <see cref="Materials"/>, in the same order.</summary>
    public IReadOnlyList<AccessLevel>? MaterialLevels { get; init; }

    /// <summary>The level of each of <see cref="CasNumbers"/>, in the same order.</summary>
    public IReadOnlyList<AccessLevel>? CasLevels { get; init; }

    /// <summary>The level of <see cref="Category"/> (and so of its ancestors).</summary>
    public AccessLevel? CategoryLevel { get; init; }

    /// <summary>The level of <see cref="RecycledContentPercent"/>.</summary>
    public AccessLevel? RecycledContentLevel { get; init; }

    /// <summary>
    /// The lifecycle stage the passport states (<c>/lifecycleStage</c>), for the coverage map's
    /// counts; empty when it states none, null on versions stored before it was kept.
    /// </summary>
    public string? Stage { get; init; }

    /// <summary>
    /// The product's public GS1 keys, found by the Digital Link resolver; null on versions stored
    /// before they were extracted (the index reads them from the body then).
    /// </summary>
    public ProductKeys? ProductKeys { get; init; }

    /// <summary>True when every level is known; records stored before levels existed have none.</summary>
    internal bool HasLevels => MaterialLevels?.Count == Materials.Count && CasLevels?.Count == CasNumbers.Count
        && CategoryLevel is not null && RecycledContentLevel is not null;
}
