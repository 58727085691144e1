using CircularPartners.DataSpace.Domain.Errors;

namespace CircularPartners.DataSpace.Domain.Audit;

/// <summary>
/// Keeps the latest signed audit head of each participant, append-only, so a connector whose log
/// was cut short or rolled back cannot hide it: its next head, or a check against the witnessed
/// one, shows the gap. A head must be signed, by the key the participant's first head was signed
/// with or one it registered, and must not go back.
/// </summary>
public sealed class AuditWitness(IAuditHeadStore store) : IDisposable
{
    public const string SignatureRule = "audit-head.signature";
    public const string KeyRule = "audit-head.key";
    public const string SequenceRule = "audit-head.sequence-regressed";
    public const string ForkRule = "audit-head.forked";

    /// <summary>Appends tried when replicas sharing the store keep appending first.</summary>
    private const int MaxAttempts = 5;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The latest head of a participant's log (<paramref name="logId"/> empty: its only log).</summary>
    public SignedAuditHead? LatestOf(string participantId, string logId) =>
        store.LatestOf(new SignedAuditHead(participantId, 0, "", default, "", "", logId).WitnessKey);

    /// <summary>Records the head, or throws <see cref="PermissionDeniedException"/> naming the rule it breaks.</summary>
    /// <param name="head">The head as signed by the participant's connector.</param>
    /// <param name="registeredKeys">PEM public keys the participant registered; any of them may sign its heads.</param>
    /// <param name="cancellationToken">Cancels the wait for the store.</param>
    public async Task<SignedAuditHead> WitnessAsync(SignedAuditHead head, IReadOnlyList<string> registeredKeys, CancellationToken cancellationToken)
    {
        if (!head.SignatureVerifies())
        {
            throw new PermissionDeniedException(SignatureRule, $"The audit head is not signed by the key it carries (rule {SignatureRule}).");
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // The gate orders this process's heads; replicas sharing the store are ordered by the
            // store's conditional append, which refuses a head appended on a stale view.
            for (var attempt = 1; ; attempt++)
            {
                if (Check(head, registeredKeys, store.LatestOf(head.WitnessKey)) is { } same)
                {
                    return same;
                }
                try
                {
                    await store.AppendAsync(head, cancellationToken);
                    return head;
                }
                catch (AuditHeadConflictException) when (attempt < MaxAttempts)
                {
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The head already witnessed when <paramref name="head"/> repeats it; null when it may be appended; throws naming the rule it breaks.</summary>
    private static SignedAuditHead? Check(SignedAuditHead head, IReadOnlyList<string> registeredKeys, SignedAuditHead? last)
    {
        if (last is not null && !head.SignedWith(last.PublicKey) && !registeredKeys.Any(head.SignedWith))
        {
            throw new PermissionDeniedException(KeyRule,
                $"The audit head of {head.ParticipantId} is signed with another key than its earlier heads, and the key is not registered for it (rule {KeyRule}).");
        }
        if (last is not null && head.Sequence < last.Sequence)
        {
            throw new PermissionDeniedException(SequenceRule,
                $"The audit head of {head.ParticipantId} is at {head.Sequence}, behind its last witnessed head at {last.Sequence} (rule {SequenceRule}).");
        }
        if (last is not null && head.Sequence == last.Sequence)
        {
            return head.Hash == last.Hash ? last
                : throw new PermissionDeniedException(ForkRule,
                    $"The audit head of {head.ParticipantId} at {head.Sequence} has another hash than the head witnessed at {last.Sequence} (rule {ForkRule}).");
        }
        return null;
    }

    public void Dispose() => _gate.Dispose();
}
