using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>One access decision on this provider: who, whose data, what, under which agreement, and the outcome.</summary>
public sealed record AccessRecord(
    string Actor, string Owner, string Action, string? AgreementId, IReadOnlyList<string> PassportIds,
    IReadOnlyList<string> Sections, string? Purpose, bool Granted, string? Reason);

/// <summary>Where access decisions are written (the tamper-evident audit log).</summary>
public interface IAccessRecorder
{
    Task RecordAsync(AccessRecord record, CancellationToken cancellationToken);
}

/// <summary>
/// Runs a provider-side step and records its outcome: granted, or denied with the rule that denied.
/// Every record names an owner, so someone can list it: a denial is recorded for the owners of the
/// passports it concerns (one record each), else for the owner the caller named (an agreement's or
/// offer's provider), else for the connector's operator.
/// </summary>
internal sealed class SharingAudit(IAccessRecorder recorder, IPassportStore passports, AuditOperator connectorOperator)
{
    public async Task<T> RecordAsync<T>(Caller actor, string action, string owner, string? agreementId, string? purpose,
        IReadOnlyList<string> passportIds, IReadOnlyList<string> sections, Func<Task<T>> step, CancellationToken cancellationToken)
    {
        T result;
        try
        {
            result = await step();
        }
        catch (PermissionDeniedException denied)
        {
            await RecordDeniedAsync(new AccessRecord(actor.ParticipantId, owner, action, agreementId, passportIds, sections, purpose, false, denied.Rule));
            throw;
        }
        // A granted step was under the named owner's agreement or offer: no lookup on the hot path.
        await recorder.RecordAsync(new AccessRecord(actor.ParticipantId, OrOperator(owner), action, agreementId, passportIds, sections, purpose, true, null), cancellationToken);
        return result;
    }

    public Task DeniedAsync(string actor, string owner, string action, string? agreementId, IReadOnlyList<string> passportIds, string rule) =>
        RecordDeniedAsync(new AccessRecord(actor, owner, action, agreementId, passportIds, [], null, false, rule));

    private async Task RecordDeniedAsync(AccessRecord record)
    {
        var owners = await OwnersOfAsync(record.PassportIds);
        foreach (var group in owners.GroupBy(o => o.Value, StringComparer.Ordinal))
        {
            await recorder.RecordAsync(record with { Owner = group.Key, PassportIds = [.. group.Select(o => o.Key)] }, CancellationToken.None);
        }
        // Passports that do not exist here, or a denial about no passport at all.
        IReadOnlyList<string> unowned = [.. record.PassportIds.Where(id => !owners.ContainsKey(id))];
        if (owners.Count == 0 || unowned.Count > 0)
        {
            await recorder.RecordAsync(record with { Owner = OrOperator(record.Owner), PassportIds = unowned }, CancellationToken.None);
        }
    }

    private async Task<Dictionary<string, string>> OwnersOfAsync(IReadOnlyList<string> passportIds)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in passportIds.Distinct(StringComparer.Ordinal))
        {
            try
            {
                if (await passports.GetAsync(id, null, CancellationToken.None) is { } passport)
                {
                    owners[id] = passport.Owner;
                }
            }
            catch (StoreUnavailableException)
            {
                // The denial is still recorded, for the named owner or the operator.
            }
        }
        return owners;
    }

    private string OrOperator(string owner) => owner.Length > 0 ? owner : connectorOperator.ParticipantId;
}
