namespace CircularPartners.DataSpace.Domain.Events;

/// <summary>A signed lifecycle event about a passport, kept beside its history.</summary>
public sealed record LifecycleEvent(
    string EventId,
    string PassportId,
    string Author,
    string Type,
    string EventJson,
    string Signature,
    string? AgreementId,
    DateTimeOffset RecordedAt);

/// <summary>An event as recorded, and whether this append was a replay answered with the event already recorded.</summary>
public sealed record AppendedEvent(LifecycleEvent Event, bool Replayed);

/// <summary>Durable storage of lifecycle events, shared by every replica where the store is.</summary>
public interface IEventStore
{
    /// <summary>
    /// Records the event, once: when the same author's same event document is already recorded
    /// on that passport (a replay, a retry, or the same event sent through another replica at the
    /// same moment) nothing is written and the recorded event is answered, marked replayed.
    /// </summary>
    Task<AppendedEvent> AppendAsync(LifecycleEvent lifecycleEvent, CancellationToken cancellationToken);

    /// <summary>Every event recorded on the passport, through any replica, in the order recorded.</summary>
    Task<IReadOnlyList<LifecycleEvent>> ForAsync(string passportId, CancellationToken cancellationToken);

    /// <summary>Every event recorded on any passport, for measurements across passports (one pass, not one read per passport).</summary>
    Task<IReadOnlyList<LifecycleEvent>> AllAsync(CancellationToken cancellationToken);
}

/// <summary>Finds the keys a participant registered for signing, in the membership registry.</summary>
public interface IAuthorKeys
{
    Task<IReadOnlyList<string>> PublicKeysOfAsync(string participantId, string credential, CancellationToken cancellationToken);
}
