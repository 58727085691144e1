using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Events;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// One access decision on this provider: who, whose data, what, under which agreement, and the
/// outcome; <see cref="Details"/> adds the other ids it concerns (offer, negotiation, event) and the
/// hash of a released body.
/// </summary>
public sealed record AccessRecord(
    string Actor, string Owner, string Action, string? AgreementId, IReadOnlyList<string> PassportIds,
    IReadOnlyList<string> Sections, string? Purpose, bool Granted, string? Reason,
    IReadOnlyDictionary<string, string>? Details = null);

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

    /// <summary>Records one state change of an offer, negotiation, agreement or token, with every id it concerns.</summary>
    public Task ChangedAsync(RelationshipChange change, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? more = null) =>
        recorder.RecordAsync(new AccessRecord(change.Actor, OrOperator(change.Owner), change.Action, change.AgreementId, [], [], change.Purpose,
            change.Granted, change.Reason, Merge(change.Details(), more)), change.Granted ? cancellationToken : CancellationToken.None);

    /// <summary>
    /// Runs a provider-side step that changes a relationship and records it: with the ids the
    /// result names (<paramref name="done"/>), or, when a policy refuses it, as <paramref name="attempt"/> denied with the rule.
    /// </summary>
    public async Task<T> ChangeAsync<T>(RelationshipChange attempt, Func<Task<T>> step, Func<T, RelationshipChange> done, CancellationToken cancellationToken)
    {
        T result;
        try
        {
            result = await step();
        }
        catch (PermissionDeniedException denied)
        {
            await ChangedAsync(attempt with { Granted = false, Reason = denied.Rule }, CancellationToken.None);
            throw;
        }
        await ChangedAsync(done(result), cancellationToken);
        return result;
    }

    /// <summary>
    /// Runs an event append and records it, with or without an agreement: appended (or a replay
    /// answered with the event already recorded) with the event's id and type, or refused with the rule.
    /// </summary>
    public async Task<LifecycleEvent> EventAsync(Caller author, Agreement? agreement, string passportId, Func<Task<AppendedEvent>> append, CancellationToken cancellationToken)
    {
        AppendedEvent appended;
        try
        {
            appended = await append();
        }
        catch (PermissionDeniedException denied)
        {
            await DeniedAsync(author.ParticipantId, agreement?.Provider ?? "", "event.append", agreement?.AgreementId, [passportId], denied.Rule);
            throw;
        }
        var recorded = appended.Event;
        var details = new Dictionary<string, string> { ["event_id"] = recorded.EventId, ["event_type"] = recorded.Type };
        if (appended.Replayed)
        {
            details["replayed"] = "true";
        }
        // Without an agreement only the passport's owner may append, so the author is the owner.
        await recorder.RecordAsync(new AccessRecord(author.ParticipantId, agreement?.Provider ?? author.ParticipantId, "event.append", recorded.AgreementId,
            [recorded.PassportId], [], agreement?.Purpose, true, appended.Replayed ? LifecycleEvents.ReplayRule : null, details), cancellationToken);
        return recorded;
    }

    private static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> details, IReadOnlyDictionary<string, string>? more)
    {
        if (more is null)
        {
            return details;
        }
        var merged = new Dictionary<string, string>(details, StringComparer.Ordinal);
        foreach (var (name, value) in more)
        {
            merged[name] = value;
        }
        return merged;
    }
}
