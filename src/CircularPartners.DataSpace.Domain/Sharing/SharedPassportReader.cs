using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// Reads as seen by the reader: each version filtered to the access level the
/// <see cref="ReadGrant"/> gives on that passport. Nothing above that level leaves: not field
/// values, not matches on hidden fields, not the hash of the full document.
/// </summary>
public sealed class SharedPassportReader(PassportOperations passports, IPassportFilter filter)
{
    public async Task<PassportRecord> GetAsync(ReadGrant grant, string passportId, long? version, CancellationToken cancellationToken) =>
        View(grant, await passports.GetAsync(passportId, version, cancellationToken));

    public async Task<IReadOnlyList<PassportRecord>> HistoryAsync(ReadGrant grant, string passportId, CancellationToken cancellationToken) =>
        [.. (await passports.HistoryAsync(passportId, cancellationToken)).Select(r => View(grant, r))];

    /// <summary>
    /// The public view: the public fields of the latest version of an active passport, for anyone.
    /// A withdrawn passport answers as an unknown one.
    /// </summary>
    public async Task<PassportRecord> GetPublicAsync(string passportId, CancellationToken cancellationToken)
    {
        var record = await passports.GetAsync(passportId, null, cancellationToken);
        return record.Status == PassportStatus.Active ? View(ReadGrant.Anonymous, record) : throw new PassportNotFoundException(passportId, null);
    }

    public async Task<PassportPage> QueryAsync(ReadGrant grant, PassportQuery query, bool includeJson, CancellationToken cancellationToken)
    {
        var page = await passports.QueryAsync(query, includeJson: false, cancellationToken);
        var results = new List<PassportRecord>(page.Passports.Count);
        foreach (var slim in page.Passports)
        {
            if (grant.IsOwnerOf(slim) && !includeJson)
            {
                // The owner sees its own passports unfiltered: no body to read, filter or re-match.
                results.Add(slim);
                continue;
            }
            var visible = View(grant, await passports.WithBodyAsync(slim, cancellationToken));
            if (!grant.IsOwnerOf(visible) && !StillMatches(visible, query))
            {
                continue;
            }
            results.Add(includeJson ? visible : visible with { Json = "" });
        }
        return page with { Passports = results };
    }

    /// <summary>The reader's view of one version: filtered to its level, without the full document's hash unless it is the owner.</summary>
    public PassportRecord View(ReadGrant grant, PassportRecord record)
    {
        var level = grant.LevelFor(record);
        return level == AccessLevel.Owner
            ? record
            : record with { Json = filter.Filter(record.SchemaId, record.Json, AccessLevels.ClassesUpTo(level)), ContentHash = "" };
    }

    /// <summary>Material and CAS filters must match in what the caller can see, or a match would reveal a hidden value.</summary>
    private static bool StillMatches(PassportRecord visible, PassportQuery query)
    {
        if (query.Materials.Count == 0 && query.CasNumbers.Count == 0)
        {
            return true;
        }
        using var document = JsonDocument.Parse(visible.Json);
        var facets = FacetExtractor.Extract(document.RootElement, visible.Facets.UseCase);
        return query.Materials.All(m => facets.Materials.Contains(FacetExtractor.NormalizeMaterial(m)))
            && query.CasNumbers.All(c => facets.CasNumbers.Contains(c.Trim()));
    }
}
