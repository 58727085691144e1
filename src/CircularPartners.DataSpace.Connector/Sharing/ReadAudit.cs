using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// Puts reads on the owners' record: every read made with a data-access token (granted, or
/// refused with its rule) under its agreement, and every read of another's passport by an
/// authority, which reads without negotiating but not unseen. Members' reads of public and
/// participant fields, and owners' reads of their own, are not sharing and are not recorded.
/// </summary>
internal sealed class ReadAudit(SharingAudit audit, IAccessRecorder recorder)
{
    public const string AuthorityPurpose = "authority";

    public async Task<T> ReadAsync<T>(Caller caller, ReadGrant grant, string action, IReadOnlyList<string> passportIds,
        Func<Task<T>> read, Func<T, IEnumerable<PassportRecord>> released, CancellationToken cancellationToken)
    {
        if (grant.Agreement is { } agreement)
        {
            var sections = AccessLevels.ClassesUpTo(AccessLevels.Highest(agreement.AccessClasses)).ToList();
            return await audit.RecordAsync(caller, action, agreement.Provider, agreement.AgreementId, agreement.Purpose, passportIds, sections, read, cancellationToken);
        }
        var result = await read();
        if (grant.BaseLevel == AccessLevel.Authority)
        {
            var sections = AccessLevels.ClassesUpTo(AccessLevel.Authority).ToList();
            foreach (var byOwner in released(result).Where(grant.IsAuthorityRead).GroupBy(r => r.Owner))
            {
                await recorder.RecordAsync(new AccessRecord(caller.ParticipantId, byOwner.Key, action, null,
                    [.. byOwner.Select(r => r.PassportId).Distinct()], sections, AuthorityPurpose, true, null), cancellationToken);
            }
        }
        return result;
    }
}
