namespace CircularPartners.DataSpace.Domain.Errors;

/// <summary>
/// An expected failure whose message is safe to show the caller. Everything else is an internal
/// error and its details stay in the log.
/// </summary>
public abstract class DomainException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The request is malformed; carries every violation found, not just the first.</summary>
public sealed class PassportValidationException(string message, IReadOnlyList<Validation.Violation> violations)
    : DomainException(message)
{
    public IReadOnlyList<Validation.Violation> Violations { get; } = violations;
}

public sealed class PassportNotFoundException(string passportId, long? version)
    : DomainException(version is null
        ? $"Passport '{passportId}' does not exist."
        : $"Passport '{passportId}' has no version {version}.")
{
    public string PassportId { get; } = passportId;
}

/// <summary>Optimistic concurrency: the caller's expected version is not the current one.</summary>
public sealed class VersionConflictException(string passportId, long expected, long actual)
    : DomainException($"Passport '{passportId}' is at version {actual}, not the expected {expected}.")
{
    public long Expected { get; } = expected;
    public long Actual { get; } = actual;
}

/// <summary>The caller is known but a rule forbids the action; names the rule that denied.</summary>
public sealed class PermissionDeniedException(string rule, string message) : DomainException(message)
{
    public string Rule { get; } = rule;
}

/// <summary>No usable credential came with the call.</summary>
public sealed class UnauthenticatedException(string message) : DomainException(message);

/// <summary>The backing store cannot be reached right now; the call may be retried.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : DomainException(message, inner);

/// <summary>
/// A stored version is damaged (its bytes no longer match their hash): it is never served, and
/// the store reports it in its health.
/// </summary>
public sealed class StoreDataLossException(string passportId, long version)
    : DomainException($"Version {version} of passport '{passportId}' is damaged in this connector's store and cannot be served; the operator is alerted (health degraded).")
{
    public string PassportId { get; } = passportId;
    public long Version { get; } = version;
}

/// <summary>The caller used up a limit (named by its setting) for now; it may retry after <see cref="RetryAfter"/>.</summary>
public sealed class LimitExceededException(string limit, string message, TimeSpan? retryAfter) : DomainException(message)
{
    public string Limit { get; } = limit;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// Another replica changed the same shared record first. The store has taken its change in, so
/// the caller re-applies its command to the newer state; it surfaces (as ABORTED) only when that
/// keeps failing.
/// </summary>
public sealed class ConcurrentUpdateException(string message, Exception? inner = null) : DomainException(message, inner);
