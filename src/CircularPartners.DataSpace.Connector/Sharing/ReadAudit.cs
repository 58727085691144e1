using Passport = CircularPartners.DataSpace.Contracts.V1.Passport;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// Puts reads on the owners' record. A read made with a data-access token is one audit record
/// under its agreement: refused with the rule, or granted with the hash of every body released
/// (detail <c>body_sha256/{passport id}/{version}</c>), the same hashes the signed receipts
/// attached to the response carry. A read of another's passport by an authority, which reads
/// without negotiating, is recorded for that passport's owner. Members' reads of public and
/// participant fields, and owners' reads of their own, are not sharing and are not recorded.
/// </summary>
internal sealed class ReadAudit(SharingAudit audit, IAccessRecorder recorder, ReleaseReceipts receipts)
{
    public const string AuthorityPurpose = "authority";

    /// <summary>A response and what it releases: the versions read and their wire messages, in the same order.</summary>
    public sealed record Release<T>(T Response, IReadOnlyList<PassportRecord> Records, IReadOnlyList<Passport> Sent);

    public async Task<T> ReadAsync<T>(Caller caller, ReadGrant grant, string action, IReadOnlyList<string> passportIds,
        Func<Task<Release<T>>> read, CancellationToken cancellationToken)
    {
        if (grant.Agreement is { } agreement)
        {
            Release<T> release;
            try
            {
                release = await read();
            }
            catch (PermissionDeniedException denied)
            {
                await audit.DeniedAsync(caller.ParticipantId, agreement.Provider, action, agreement.AgreementId, passportIds, denied.Rule);
                throw;
            }
            await RecordReleaseAsync(caller, grant, agreement, action, passportIds, release, cancellationToken);
            return release.Response;
        }
        var result = await read();
        if (grant.BaseLevel == AccessLevel.Authority)
        {
            await RecordAuthorityReadAsync(caller, grant, action, result.Records, cancellationToken);
        }
        return result.Response;
    }

    private async Task RecordReleaseAsync<T>(Caller caller, ReadGrant grant, Agreement agreement, string action, IReadOnlyList<string> passportIds,
        Release<T> release, CancellationToken cancellationToken)
    {
        // Only what the agreement covers is a release under it; the rest is the reader's own view.
        List<Passport> covered = [.. release.Sent.Where((_, i) => grant.Covers(release.Records[i]) && !grant.IsOwnerOf(release.Records[i]))];
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var receipt in receipts.Issue(caller, agreement, covered))
        {
            details[$"body_sha256/{receipt.PassportId}/{receipt.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}"] = receipt.BodySha256;
        }
        var sections = AccessLevels.ClassesUpTo(AccessLevels.Highest(agreement.AccessClasses)).ToList();
        await recorder.RecordAsync(new AccessRecord(caller.ParticipantId, agreement.Provider, action, agreement.AgreementId, passportIds, sections,
            agreement.Purpose, true, null, details), cancellationToken);
    }

    private async Task RecordAuthorityReadAsync(Caller caller, ReadGrant grant, string action, IReadOnlyList<PassportRecord> read, CancellationToken cancellationToken)
    {
        var sections = AccessLevels.ClassesUpTo(AccessLevel.Authority).ToList();
        foreach (var byOwner in read.Where(grant.IsAuthorityRead).GroupBy(r => r.Owner))
        {
            await recorder.RecordAsync(new AccessRecord(caller.ParticipantId, byOwner.Key, action, null,
                [.. byOwner.Select(r => r.PassportId).Distinct()], sections, AuthorityPurpose, true, null), cancellationToken);
        }
    }
}
