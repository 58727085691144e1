using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>Combinable filters: every one given must match. Null status means active only.</summary>
public sealed record PassportQuery(
    IReadOnlyList<string> Materials,
    IReadOnlyList<string> CasNumbers,
    string? Category = null,
    string? UseCase = null,
    string? Owner = null,
    double? RecycledContentMin = null,
    double? RecycledContentMax = null,
    PassportStatus? Status = null,
    int PageSize = 50,
    string? PageToken = null)
{
    public const int MaxPageSize = 500;

    /// <summary>Identifies the filters (not the page) so a token cannot be replayed against other filters.</summary>
    internal string Fingerprint() => string.Join('\u001f',
        string.Join(',', Materials.Order(StringComparer.Ordinal)), string.Join(',', CasNumbers.Order(StringComparer.Ordinal)),
        Category, UseCase, Owner, RecycledContentMin, RecycledContentMax, Status);
}

/// <summary>One page of matches, latest versions without bodies, and the token for the next page.</summary>
public sealed record PassportPage(IReadOnlyList<PassportRecord> Passports, string? NextPageToken);
