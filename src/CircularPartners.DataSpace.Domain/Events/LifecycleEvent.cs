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

/// <summary>Durable storage of lifecycle events.</summary>
public interface IEventStore
{
    Task AppendAsync(LifecycleEvent lifecycleEvent, CancellationToken cancellationToken);
    IReadOnlyList<LifecycleEvent> For(string passportId);
}

/// <summary>Finds the keys a participant registered for signing, in the membership registry.</summary>
public interface IAuthorKeys
{
    Task<IReadOnlyList<string>> PublicKeysOfAsync(string participantId, string credential, CancellationToken cancellationToken);
}
