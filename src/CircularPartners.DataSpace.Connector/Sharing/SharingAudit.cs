using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;

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

/// <summary>Runs a provider-side step and records its outcome: granted, or denied with the rule that denied.</summary>
internal sealed class SharingAudit(IAccessRecorder recorder)
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
            await recorder.RecordAsync(new AccessRecord(actor.ParticipantId, owner, action, agreementId, passportIds, sections, purpose, false, denied.Rule), CancellationToken.None);
            throw;
        }
        await recorder.RecordAsync(new AccessRecord(actor.ParticipantId, owner, action, agreementId, passportIds, sections, purpose, true, null), cancellationToken);
        return result;
    }

    public Task DeniedAsync(string actor, string owner, string action, string? agreementId, IReadOnlyList<string> passportIds, string rule) =>
        recorder.RecordAsync(new AccessRecord(actor, owner, action, agreementId, passportIds, [], null, false, rule), CancellationToken.None);
}
