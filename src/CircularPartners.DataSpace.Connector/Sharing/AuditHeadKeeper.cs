using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.Errors;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>This connector's own signed audit heads, kept apart from the log (the container disposes the store).</summary>
internal sealed class OwnAuditHeads(IAuditHeadStore store)
{
    public IAuditHeadStore Store { get; } = store;
}

/// <summary>
/// Makes the loss of the newest audit entries visible. At start-up the log is compared with its
/// last signed head and the witnessed one: a log that ends before either, or differs where it was
/// signed, is reported loudly (error log, health degraded) and the gap is recorded as the next
/// entry, so the chain never continues silently. Then the head is signed every
/// <see cref="AuditOptions.HeadIntervalSeconds"/> and on shutdown, kept in its own file and sent
/// to the witness.
/// </summary>
internal sealed class AuditHeadKeeper(IAuditLog log, OwnAuditHeads own, AuditHeadWitness witness, AuditOperator connectorOperator,
    IServiceProvider services, AuditHealth health, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditHeadKeeper> logger)
    : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _signing = new(1, 1);
    private ITimer? _timer;
    private bool _witnessPending = true;
    private Task? _stopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await FindGapAsync(cancellationToken) is { } problem)
        {
            AuditLogMessages.BehindSignedHead(logger, problem);
            health.Report(problem);
            await log.AppendAsync(new AuditDraft("connector", connectorOperator.ParticipantId, AuditHeadCheck.GapAction, null, [], [], null,
                false, problem, "detected"), cancellationToken);
        }
        await TrySignAsync(cancellationToken);
        var interval = TimeSpan.FromSeconds(options.Value.HeadIntervalSeconds);
        _timer = time.CreateTimer(_ => _ = TickAsync(), null, interval, interval);
    }

    /// <summary>Signs the final head once; a second, concurrent stop (host and server both stopping) waits for the same signing.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_signing)
        {
            return _stopping ??= StopOnceAsync(cancellationToken);
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }
        await TrySignAsync(cancellationToken);
    }

    /// <summary>The first signed head (own, then witnessed) the log no longer contains; null when it contains both.</summary>
    private async Task<string?> FindGapAsync(CancellationToken cancellationToken)
    {
        var end = log.Head?.Sequence ?? 0;
        foreach (var (head, what) in new[] { (own.Store.Latest, "signed head"), (await WitnessedAsync(cancellationToken), "witnessed head") })
        {
            if (head is null)
            {
                continue;
            }
            var atHead = end >= head.Sequence ? await EntryAtAsync(head.Sequence, cancellationToken) : null;
            if (atHead?.Action == AuditHeadCheck.GapAction)
            {
                continue; // a gap found and recorded at an earlier start (the witness may not have moved past it yet)
            }
            if (AuditHeadCheck.Problem(end, atHead?.Hash, head, what) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    private async Task<SignedAuditHead?> WitnessedAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await witness.LatestOfAsync(connectorOperator.ParticipantId, cancellationToken);
        }
        catch (RemoteUnavailableException unavailable)
        {
            AuditLogMessages.WitnessUnreachable(logger, witness.Name, unavailable.Message);
            return null;
        }
    }

    private Task TickAsync() => TrySignAsync(CancellationToken.None);

    /// <summary>A signing that fails (the disk, the shared key's store) is logged and tried again at the next tick.</summary>
    private async Task TrySignAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SignAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AuditLogMessages.SigningFailed(logger, ex);
        }
    }

    /// <summary>Signs the head when the log moved since the last signing, and sends the last head to the witness until it took it.</summary>
    private async Task SignAsync(CancellationToken cancellationToken)
    {
        await _signing.WaitAsync(cancellationToken);
        try
        {
            if (log.Head is not { } entry)
            {
                return;
            }
            var signed = own.Store.Latest;
            if (signed is not null && signed.Sequence > entry.Sequence && await ContainsAsync(signed, cancellationToken))
            {
                // Replicas sharing one log: another one signed a later head of this chain (and sends
                // it to the witness); this replica's view of the log catches up at its next refresh.
                return;
            }
            if (signed is null || signed.Sequence != entry.Sequence || signed.Hash != entry.Hash || signed.ParticipantId != connectorOperator.ParticipantId || signed.LogId != witness.LogId)
            {
                signed = SignedAuditHead.Sign(connectorOperator.ParticipantId, entry, time.GetUtcNow(),
                    // Resolved only now: with Azure Blob storage the key is read from the container, which may not exist yet at construction.
                    services.GetRequiredService<DataAccessTokens>().Key, witness.LogId);
                try
                {
                    await own.Store.AppendAsync(signed, cancellationToken);
                }
                catch (AuditHeadConflictException)
                {
                    return; // another replica signed at the same moment; the next tick looks again
                }
                _witnessPending = true;
            }
            if (_witnessPending)
            {
                await SendAsync(signed, cancellationToken);
            }
        }
        finally
        {
            _signing.Release();
        }
    }

    private async Task SendAsync(SignedAuditHead head, CancellationToken cancellationToken)
    {
        try
        {
            await witness.WitnessAsync(head, cancellationToken);
            _witnessPending = false;
        }
        catch (PermissionDeniedException refused)
        {
            // Sending the same head again would be refused again; the next head is sent.
            _witnessPending = false;
            if (refused.Rule == AuditWitness.SequenceRule && await WitnessedIsInLogAsync(cancellationToken))
            {
                return; // another replica sharing this log had a later head of it witnessed first
            }
            AuditLogMessages.WitnessRefused(logger, witness.Name, head.Sequence, refused.Message);
            // A head ending on a recorded gap is refused while the witness still holds the lost
            // head at that sequence; the gap is on the record already, and the next head moves on.
            if ((await EntryAtAsync(head.Sequence, cancellationToken))?.Action != AuditHeadCheck.GapAction)
            {
                health.Report($"the witness ({witness.Name}) refused head {head.Sequence}: {refused.Message}");
            }
        }
        catch (RemoteUnavailableException unavailable)
        {
            AuditLogMessages.WitnessUnreachable(logger, witness.Name, unavailable.Message);
        }
    }

    private async Task<AuditEntry?> EntryAtAsync(long sequence, CancellationToken cancellationToken) =>
        (await log.ReadAsync(null, sequence, 1, cancellationToken)).FirstOrDefault(e => e.Sequence == sequence);

    /// <summary>Whether the log holds the entry a head was signed at (a head of this very chain, not of a log cut short).</summary>
    private async Task<bool> ContainsAsync(SignedAuditHead head, CancellationToken cancellationToken) =>
        head.ParticipantId == connectorOperator.ParticipantId && head.LogId == witness.LogId
        && (await EntryAtAsync(head.Sequence, cancellationToken))?.Hash == head.Hash;

    private async Task<bool> WitnessedIsInLogAsync(CancellationToken cancellationToken) =>
        await WitnessedAsync(cancellationToken) is { } witnessed && await ContainsAsync(witnessed, cancellationToken);

    public void Dispose()
    {
        _timer?.Dispose();
        _signing.Dispose();
    }
}
