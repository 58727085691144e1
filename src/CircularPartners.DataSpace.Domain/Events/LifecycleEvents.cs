using System.Security.Cryptography;
using System.Text;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Domain.Events;

/// <summary>
/// Venous write-back: lifecycle events appended to passports, each signed by its author with a
/// key the membership registry holds for that author, and allowed by the owner's agreement.
/// An event is recorded once: the same signed event sent again (a replay, or a retry) is answered
/// with the event already recorded, its id unchanged, and adds nothing.
/// </summary>
public sealed class LifecycleEvents(PassportOperations passports, IEventStore store, IAuthorKeys keys, TimeProvider time)
{
    public const string EventsNotAllowedRule = "agreement.events-not-allowed";
    public const string SignatureRule = "event.signature";
    public const string ReplayRule = "event.replayed";

    public async Task<AppendedEvent> AppendAsync(Caller author, string credential, string passportId, string eventJson, string signature, Agreement? agreement, CancellationToken cancellationToken)
    {
        var type = EventValidator.Validate(eventJson);
        var passport = await passports.GetAsync(passportId, null, cancellationToken);
        if (passport.Owner != author.ParticipantId)
        {
            if (agreement is not { AllowEvents: true })
            {
                throw new PermissionDeniedException(EventsNotAllowedRule, "Appending events needs an agreement that allows them.");
            }
            if (!agreement.Selector.Matches(passport, agreement.Provider))
            {
                throw new PermissionDeniedException(Agreement.SelectorRule, $"Passport '{passportId}' is not covered by the agreement.");
            }
        }
        if (!await SignedByAsync(author, credential, eventJson, signature, cancellationToken))
        {
            throw new PermissionDeniedException(SignatureRule, "The event's signature does not verify against the author's registered keys.");
        }
        // The store answers a replay (the same author's same event document, whatever its randomised
        // ECDSA signature) with the event already recorded, across replicas too.
        var recorded = new LifecycleEvent("event-" + Guid.NewGuid().ToString("N"), passportId, author.ParticipantId, type, eventJson, signature,
            passport.Owner == author.ParticipantId ? null : agreement!.AgreementId, time.GetUtcNow());
        return await store.AppendAsync(recorded, cancellationToken);
    }

    /// <summary>The owner sees every event on its passport; anyone else only the events it wrote.</summary>
    public async Task<IReadOnlyList<LifecycleEvent>> VisibleAsync(Caller caller, PassportRecord passport, CancellationToken cancellationToken) =>
        [.. (await store.ForAsync(passport.PassportId, cancellationToken)).Where(e => passport.Owner == caller.ParticipantId || e.Author == caller.ParticipantId)];

    private async Task<bool> SignedByAsync(Caller author, string credential, string eventJson, string signature, CancellationToken cancellationToken)
    {
        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(signature.Replace('-', '+').Replace('_', '/').PadRight((signature.Length + 3) / 4 * 4, '='));
        }
        catch (FormatException)
        {
            return false;
        }
        var data = Encoding.UTF8.GetBytes(eventJson);
        foreach (var pem in await keys.PublicKeysOfAsync(author.ParticipantId, credential, cancellationToken))
        {
            using var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(pem);
            }
            catch (ArgumentException)
            {
                continue;
            }
            if (key.VerifyData(data, signatureBytes, HashAlgorithmName.SHA256))
            {
                return true;
            }
        }
        return false;
    }
}
