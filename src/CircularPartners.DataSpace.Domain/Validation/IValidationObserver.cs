namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>
/// Told how long each publish-time validation took, for the connector's metrics. It is asked
/// <see cref="Enabled"/> first, so a validator nobody listens to does not even read the clock.
/// </summary>
public interface IValidationObserver
{
    /// <summary>Whether anyone collects validation times right now.</summary>
    bool Enabled { get; }

    /// <summary>One validation finished: accepted (<paramref name="valid"/>) or refused.</summary>
    void Validated(TimeSpan elapsed, bool valid);
}
