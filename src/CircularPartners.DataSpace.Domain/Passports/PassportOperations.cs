using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>The passport use cases: publish, read, query, withdraw.</summary>
public sealed class PassportOperations(
    IPassportStore store, PassportIndex index, PassportValidator validator, TimeProvider time, PublishPolicy policy, IPublishLimiter limiter)
{
    public const string OwnerOnlyRule = "owner-only-changes";

    /// <summary>
    /// Publishes after the publish policy: the caller is admitted (operator or delegate) and
    /// charged against its limits before its body is validated, so neither a stranger nor a flood
    /// costs validation; the economic operator the body names is checked once it is read.
    /// A document canonically identical to the current version writes nothing and answers that
    /// version as <see cref="PublishOutcome.Unchanged"/>, so a bulk publish that died can simply
    /// be sent again.
    /// </summary>
    public async Task<PublishOutcome> PublishAsync(Caller caller, PublishCommand command, CancellationToken cancellationToken)
    {
        var right = policy.Admit(caller);
        limiter.Acquire(right, command.Body);
        var validated = validator.Validate(command.SchemaId, command.Body, command.KeepUnknownSections);
        PublishPolicy.RequireEconomicOperator(right, validated.EconomicOperator);
        var passportId = ResolveId(command.PassportId, validated.PassportIdInBody);
        var next = new NewPassportVersion(passportId, caller.ParticipantId, command.SchemaId, validated.ContentHash,
            time.GetUtcNow(), PassportStatus.Active, validated.Json, null, validated.Facets);
        var current = await CurrentForChangeAsync(caller, passportId, cancellationToken);
        if (current is not null && IsRepeat(current, next, command.ExpectedVersion))
        {
            return new PublishOutcome(current, Unchanged: true);
        }
        try
        {
            return new PublishOutcome(await AppendAsync(current, next, command.ExpectedVersion, cancellationToken), Unchanged: false);
        }
        catch (VersionConflictException conflict) when (conflict.Actual > 0)
        {
            // A retry racing its own original (or two identical publishes at once): whoever lost
            // the race still finds exactly what it asked for in place.
            var now = await store.GetAsync(passportId, conflict.Actual, cancellationToken);
            if (now is not null && now.Owner == caller.ParticipantId && IsRepeat(now, next, command.ExpectedVersion))
            {
                return new PublishOutcome(now, Unchanged: true);
            }
            throw;
        }
    }

    public async Task<PassportRecord> WithdrawAsync(Caller caller, string passportId, string reason, long? expectedVersion, CancellationToken cancellationToken)
    {
        var current = await CurrentForChangeAsync(caller, RequireId(passportId), cancellationToken)
            ?? throw new PassportNotFoundException(passportId, null);
        var next = new NewPassportVersion(passportId, caller.ParticipantId, current.SchemaId, current.ContentHash,
            time.GetUtcNow(), PassportStatus.Withdrawn, current.Json, string.IsNullOrWhiteSpace(reason) ? null : reason, current.Facets);
        return await AppendAsync(current, next, expectedVersion ?? current.Version, cancellationToken);
    }

    public async Task<PassportRecord> GetAsync(string passportId, long? version, CancellationToken cancellationToken) =>
        await store.GetAsync(RequireId(passportId), version, cancellationToken)
        ?? throw new PassportNotFoundException(passportId, version);

    public async Task<IReadOnlyList<PassportRecord>> HistoryAsync(string passportId, CancellationToken cancellationToken)
    {
        var history = await store.HistoryAsync(RequireId(passportId), cancellationToken);
        return history.Count > 0 ? history : throw new PassportNotFoundException(passportId, null);
    }

    /// <summary>One page of matches without bodies, in what the caller may see (<see cref="PassportIndex.Query"/>).</summary>
    public PassportPage Query(PassportQuery query, string callerId, Func<PassportRecord, AccessLevel> levelFor) =>
        index.Query(query, callerId, levelFor);

    /// <summary>A query result (the index keeps no bodies) with its body read from the store.</summary>
    public async Task<PassportRecord> WithBodyAsync(PassportRecord slim, CancellationToken cancellationToken) =>
        await store.GetAsync(slim.PassportId, slim.Version, cancellationToken) ?? slim;

    /// <summary>The current version of a passport the caller is about to change: only its owner may, and not once withdrawn.</summary>
    private async Task<PassportRecord?> CurrentForChangeAsync(Caller caller, string passportId, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(passportId, null, cancellationToken);
        if (current is not null)
        {
            if (current.Owner != caller.ParticipantId)
            {
                throw new PermissionDeniedException(OwnerOnlyRule,
                    $"Only the owner of passport '{passportId}' may change it (rule {OwnerOnlyRule}).");
            }
            if (current.Status == PassportStatus.Withdrawn)
            {
                throw new PassportWithdrawnException(passportId);
            }
        }
        return current;
    }

    /// <summary>
    /// The document is what <paramref name="current"/> already holds (same canonical hash and
    /// schema, still active), and the caller's expectation is met by it: none, the current
    /// version, or the one before it (a retry of the write that made the current version).
    /// </summary>
    private static bool IsRepeat(PassportRecord current, NewPassportVersion next, long? expectedVersion) =>
        current.Status == PassportStatus.Active
        && next.Status == PassportStatus.Active
        && current.ContentHash == next.ContentHash
        && current.SchemaId == next.SchemaId
        && (expectedVersion is null || expectedVersion == current.Version || expectedVersion == current.Version - 1);

    /// <summary>
    /// Appends a change to <paramref name="current"/> (checked by <see cref="CurrentForChangeAsync"/>).
    /// A first version is always written with "must not exist", so two participants racing to
    /// create the same id cannot both become its owner.
    /// </summary>
    private async Task<PassportRecord> AppendAsync(PassportRecord? current, NewPassportVersion next, long? expectedVersion, CancellationToken cancellationToken)
    {
        var record = await store.AppendAsync(next, expectedVersion ?? (current is null ? 0 : null), cancellationToken);
        index.Upsert(record);
        return record;
    }

    private static string ResolveId(string? requested, string? inBody)
    {
        if (!string.IsNullOrEmpty(requested) && !string.IsNullOrEmpty(inBody) && requested != inBody)
        {
            var message = $"passport_id '{requested}' differs from the body's passportId '{inBody}'.";
            throw new PassportValidationException(message, [new Violation("/passportId", "id_mismatch", message)]);
        }
        return RequireId(string.IsNullOrEmpty(requested) ? inBody : requested);
    }

    private static string RequireId(string? passportId)
    {
        if (string.IsNullOrWhiteSpace(passportId) || passportId.Length > 512)
        {
            const string message = "A passport id (1 to 512 characters) is required.";
            throw new PassportValidationException(message, [new Violation("passport_id", "required", message)]);
        }
        return passportId;
    }
}
