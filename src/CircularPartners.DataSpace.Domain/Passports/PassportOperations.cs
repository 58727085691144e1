using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Index;
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
    /// </summary>
    public async Task<PassportRecord> PublishAsync(Caller caller, PublishCommand command, CancellationToken cancellationToken)
    {
        var right = policy.Admit(caller);
        limiter.Acquire(right, command.Body);
        var validated = validator.Validate(command.SchemaId, command.Body);
        PublishPolicy.RequireEconomicOperator(right, validated.EconomicOperator);
        var passportId = ResolveId(command.PassportId, validated.PassportIdInBody);
        var next = new NewPassportVersion(passportId, caller.ParticipantId, command.SchemaId, validated.ContentHash,
            time.GetUtcNow(), PassportStatus.Active, validated.Json, null, validated.Facets);
        return await AppendAsync(caller, next, command.ExpectedVersion, cancellationToken);
    }

    public async Task<PassportRecord> WithdrawAsync(Caller caller, string passportId, string reason, long? expectedVersion, CancellationToken cancellationToken)
    {
        var current = await GetAsync(passportId, null, cancellationToken);
        var next = new NewPassportVersion(passportId, caller.ParticipantId, current.SchemaId, current.ContentHash,
            time.GetUtcNow(), PassportStatus.Withdrawn, current.Json, string.IsNullOrWhiteSpace(reason) ? null : reason, current.Facets);
        return await AppendAsync(caller, next, expectedVersion ?? current.Version, cancellationToken);
    }

    public async Task<PassportRecord> GetAsync(string passportId, long? version, CancellationToken cancellationToken) =>
        await store.GetAsync(RequireId(passportId), version, cancellationToken)
        ?? throw new PassportNotFoundException(passportId, version);

    public async Task<IReadOnlyList<PassportRecord>> HistoryAsync(string passportId, CancellationToken cancellationToken)
    {
        var history = await store.HistoryAsync(RequireId(passportId), cancellationToken);
        return history.Count > 0 ? history : throw new PassportNotFoundException(passportId, null);
    }

    public async Task<PassportPage> QueryAsync(PassportQuery query, bool includeJson, CancellationToken cancellationToken)
    {
        var page = index.Query(query);
        if (!includeJson)
        {
            return page;
        }
        var full = new List<PassportRecord>(page.Passports.Count);
        foreach (var slim in page.Passports)
        {
            full.Add(await WithBodyAsync(slim, cancellationToken));
        }
        return page with { Passports = full };
    }

    /// <summary>A query result (the index keeps no bodies) with its body read from the store.</summary>
    public async Task<PassportRecord> WithBodyAsync(PassportRecord slim, CancellationToken cancellationToken) =>
        await store.GetAsync(slim.PassportId, slim.Version, cancellationToken) ?? slim;

    /// <summary>
    /// Appends after the owner check. A first version is always written with "must not exist",
    /// so two participants racing to create the same id cannot both become its owner.
    /// </summary>
    private async Task<PassportRecord> AppendAsync(Caller caller, NewPassportVersion next, long? expectedVersion, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(next.PassportId, null, cancellationToken);
        if (current is not null)
        {
            if (current.Owner != caller.ParticipantId)
            {
                throw new PermissionDeniedException(OwnerOnlyRule,
                    $"Only the owner of passport '{next.PassportId}' may change it (rule {OwnerOnlyRule}).");
            }
            if (current.Status == PassportStatus.Withdrawn)
            {
                throw new PassportWithdrawnException(next.PassportId);
            }
        }
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
