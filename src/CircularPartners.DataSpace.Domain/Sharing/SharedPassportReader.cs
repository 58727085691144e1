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
    private static readonly IReadOnlySet<string>[] ClassesAt = [.. Enum.GetValues<AccessLevel>().Select(AccessLevels.ClassesUpTo)];

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

    /// <summary>
    /// A query answered as if nothing the caller may not see existed: the index matches each
    /// passport only on what the caller's level on it reaches (<see cref="LevelOn"/>), and bodies
    /// come filtered at that same level. A token adds what its agreement grants on the passports
    /// it covers and takes nothing away.
    /// </summary>
    public async Task<PassportPage> QueryAsync(Caller caller, PassportQuery query, bool includeJson, ReadGrant grant, CancellationToken cancellationToken)
    {
        var levelOn = LevelOn(caller, grant);
        var page = passports.Query(query, caller.ParticipantId, levelOn);
        var results = new List<PassportRecord>(page.Passports.Count);
        foreach (var slim in page.Passports)
        {
            var level = levelOn(slim);
            if (level == AccessLevel.Owner)
            {
                // The owner sees its own passports unfiltered.
                results.Add(includeJson ? await passports.WithBodyAsync(slim, cancellationToken) : slim);
                continue;
            }
            if (!includeJson)
            {
                results.Add(slim with { ContentHash = "" });
                continue;
            }
            var record = await passports.WithBodyAsync(slim, cancellationToken);
            results.Add(record with { Json = filter.Filter(record.SchemaId, record.Json, ClassesAt[(int)level]), ContentHash = "" });
        }
        return page with { Passports = results };
    }

    /// <summary>
    /// The caller's level on each passport: the owner's on its own; on those its agreement covers,
    /// the highest class granted (never below what any member has); participant on the rest.
    /// </summary>
    private static Func<PassportRecord, AccessLevel> LevelOn(Caller caller, ReadGrant grant)
    {
        var viewer = caller.ParticipantId;
        if (grant.Agreement is not { } agreement)
        {
            return record => record.Owner == viewer ? AccessLevel.Owner : AccessLevel.Participant;
        }
        var granted = AccessLevels.Highest(agreement.AccessClasses);
        var covered = granted > AccessLevel.Participant ? granted : AccessLevel.Participant;
        return record => record.Owner == viewer ? AccessLevel.Owner
            : agreement.Selector.Matches(record, agreement.Provider) ? covered : AccessLevel.Participant;
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
}
