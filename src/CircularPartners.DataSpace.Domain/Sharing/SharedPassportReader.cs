using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;

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

    /// <summary>
    /// A query answered as if nothing the reader may not see existed: the index matches each
    /// passport only on what the reader's level on it reaches (<see cref="ReadGrant.LevelFor"/>),
    /// and bodies come filtered at that same level.
    /// </summary>
    public async Task<PassportPage> QueryAsync(ReadGrant grant, PassportQuery query, bool includeJson, CancellationToken cancellationToken)
    {
        var page = passports.Query(query, grant.Reader?.ParticipantId ?? "", grant.LevelFor);
        var results = new List<PassportRecord>(page.Passports.Count);
        foreach (var slim in page.Passports)
        {
            if (grant.LevelFor(slim) == AccessLevel.Owner)
            {
                // The owner sees its own passports unfiltered.
                results.Add(includeJson ? await passports.WithBodyAsync(slim, cancellationToken) : slim);
                continue;
            }
            results.Add(includeJson ? View(grant, await passports.WithBodyAsync(slim, cancellationToken)) : slim with { ContentHash = "" });
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
}
