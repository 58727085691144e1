using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// Reads as seen by the caller: the owner sees everything; anyone else sees public fields plus
/// what an agreement grants, and only passports that agreement covers. Nothing ungranted leaves:
/// not field values, not matches on ungranted fields, not the hash of the full document.
/// </summary>
public sealed class SharedPassportReader(PassportOperations passports, IPassportFilter filter)
{
    public const string SelectorRule = "agreement.selector";

    public async Task<PassportRecord> GetAsync(Caller caller, string passportId, long? version, ReadGrant grant, CancellationToken cancellationToken)
    {
        var record = await passports.GetAsync(passportId, version, cancellationToken);
        return Visible(caller, record, grant) ?? throw new PermissionDeniedException(SelectorRule,
            $"Passport '{passportId}' is not covered by agreement '{grant.Agreement?.AgreementId}'.");
    }

    public async Task<IReadOnlyList<PassportRecord>> HistoryAsync(Caller caller, string passportId, ReadGrant grant, CancellationToken cancellationToken)
    {
        var history = await passports.HistoryAsync(passportId, cancellationToken);
        var visible = history.Select(r => Visible(caller, r, grant)).ToList();
        return visible.All(r => r is not null) ? [.. visible.Select(r => r!)] : throw new PermissionDeniedException(SelectorRule,
            $"Passport '{passportId}' is not covered by agreement '{grant.Agreement?.AgreementId}'.");
    }

    public async Task<PassportPage> QueryAsync(Caller caller, PassportQuery query, bool includeJson, ReadGrant grant, CancellationToken cancellationToken)
    {
        var scoped = grant.Agreement is { } agreement ? query with { Owner = agreement.Provider } : query;
        var page = await passports.QueryAsync(scoped, includeJson: false, cancellationToken);
        var results = new List<PassportRecord>(page.Passports.Count);
        foreach (var slim in page.Passports)
        {
            if (slim.Owner == caller.ParticipantId && !includeJson)
            {
                // The owner sees its own passports unfiltered: no body to read, filter or re-match.
                results.Add(slim);
                continue;
            }
            var record = await passports.WithBodyAsync(slim, cancellationToken);
            var visible = Visible(caller, record, grant);
            if (visible is null || (visible.Owner != caller.ParticipantId && !StillMatches(visible, query)))
            {
                continue;
            }
            results.Add(includeJson ? visible : visible with { Json = "" });
        }
        return page with { Passports = results };
    }

    /// <summary>The caller's view of one version, or null when its agreement does not cover it.</summary>
    private PassportRecord? Visible(Caller caller, PassportRecord record, ReadGrant grant)
    {
        if (record.Owner == caller.ParticipantId)
        {
            return record;
        }
        if (grant.Agreement is { } agreement && !agreement.Selector.Matches(record, agreement.Provider))
        {
            return null;
        }
        return record with { Json = filter.Filter(record.SchemaId, record.Json, grant.Classes), ContentHash = "" };
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
