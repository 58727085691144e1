using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>Per-publisher limits on how much it publishes, checked once it is admitted and before its body is validated.</summary>
public interface IPublishLimiter
{
    /// <summary>Takes one record and its body's bytes from the publisher's allowance.</summary>
    /// <exception cref="Errors.LimitExceededException">The publisher has used up a limit for now.</exception>
    void Acquire(PublishRight right, PassportBody body);
}

/// <summary>No limits: for hosts that apply none (and unit tests).</summary>
public sealed class UnlimitedPublishing : IPublishLimiter
{
    public static readonly UnlimitedPublishing Instance = new();

    public void Acquire(PublishRight right, PassportBody body)
    {
    }
}
