using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Domain.Backup;
using CircularPartners.DataSpace.Domain.Passports;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Backup;

/// <summary>
/// Copies every acknowledged passport version to the backup target, in log order, a batch at a
/// time, and moves the checkpoint only once the whole batch is in the target. A restart (even
/// after kill -9) resumes at the checkpoint: at most the batch in flight is offered again, and the
/// target answers those as already present, so nothing is skipped and nothing is written twice.
/// While the target is unreachable versions wait (one warning when the outage starts, one line
/// when it ends). The newest signed audit head is copied whenever it changes.
/// </summary>
internal sealed class BackupFollower(IPassportVersionLog log, IBackupTarget target, BackupProgress status, BackupMetrics metrics,
    IServiceProvider services, IOptions<BackupOptions> options, string checkpointPath, TimeProvider clock, ILogger<BackupFollower> logger)
    : BackgroundService
{
    private readonly BackupOptions _options = options.Value;
    private BackupCheckpoint _checkpoint = new(target.Description, 0, 0, null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the host finishes starting while the backlog is copied
        try
        {
            _checkpoint = BackupCheckpoint.Load(checkpointPath, target.Description);
            if (_checkpoint.Position > log.End)
            {
                // The log is not the one the checkpoint was taken on (a folder swapped in): start over; the target finds what it holds.
                _checkpoint = new BackupCheckpoint(target.Description, 0, 0, _checkpoint.AuditHeadSignature);
            }
            status.Start(target.Description, _checkpoint.Position, _checkpoint.Versions);
            BackupLog.Resuming(logger, target.Description, _checkpoint.Versions, log.CountFrom(_checkpoint.Position));
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await CopyAuditHeadAsync(stoppingToken);
                    if (!await CopyBatchAsync(stoppingToken))
                    {
                        status.Waiting(null);
                        await IdleAsync(stoppingToken);
                    }
                    if (status.Reachable() is { } outage)
                    {
                        BackupLog.OutageEnded(logger, target.Description, (long)outage.TotalSeconds);
                    }
                }
                catch (Exception ex) when (ex is BackupUnavailableException or IOException)
                {
                    // A checkpoint that cannot be saved (a full disk) is waited out like an outage:
                    // the batch is offered again later and found in place.
                    var reason = ex is IOException ? "the backup checkpoint could not be saved: " + ex.Message : ex.Message;
                    if (status.Unreachable(reason))
                    {
                        BackupLog.OutageStarted(logger, target.Description, reason);
                    }
                    await Task.Delay(TimeSpan.FromSeconds(_options.RetrySeconds), clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            BackupLog.Stopped(logger, ex, target.Description);
            status.Unreachable("the backup follower stopped: " + ex.GetType().Name);
        }
    }

    /// <summary>Copies the next batch; false when there was nothing to copy.</summary>
    private async Task<bool> CopyBatchAsync(CancellationToken cancellationToken)
    {
        var batch = await log.ReadFromAsync(_checkpoint.Position, _options.BatchSize, cancellationToken);
        if (batch.Count == 0)
        {
            return false;
        }
        status.Waiting(batch.FirstOrDefault(v => v.Record is not null)?.Record?.PublishedAt);
        var outcomes = new BackupWrite?[batch.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count), new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (i, token) => outcomes[i] = batch[i].Record is { } record ? await target.PutVersionAsync(record, token) : null);
        long stored = 0, present = 0, damaged = 0, conflicts = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var version = batch[i].Version;
            switch (outcomes[i])
            {
                case BackupWrite.Stored:
                    stored++;
                    break;
                case BackupWrite.AlreadyPresent:
                    present++;
                    break;
                case BackupWrite.Conflict:
                    conflicts++;
                    BackupLog.Conflict(logger, target.Description, version.PassportId, version.Version);
                    break;
                default:
                    damaged++;
                    BackupLog.DamagedNotCopied(logger, version.PassportId, version.Version);
                    break;
            }
        }
        var next = _checkpoint with { Position = batch[^1].Next, Versions = _checkpoint.Versions + stored + present };
        next.Save(checkpointPath);
        _checkpoint = next;
        status.Copied(_checkpoint.Position, stored, present, damaged, conflicts);
        metrics.Counted("stored", stored);
        metrics.Counted("already_present", present);
        metrics.Counted("damaged", damaged);
        metrics.Counted("conflict", conflicts);
        return true;
    }

    /// <summary>Waits for the next acknowledged version, or the next look at the audit heads.</summary>
    private async Task IdleAsync(CancellationToken stoppingToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        poll.CancelAfter(TimeSpan.FromSeconds(_options.AuditHeadPollSeconds));
        try
        {
            await log.WaitBeyondAsync(_checkpoint.Position, poll.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CopyAuditHeadAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<OwnAuditHeads>()?.Store.Latest is not { } head || head.Signature == _checkpoint.AuditHeadSignature)
        {
            return;
        }
        await target.PutAuditHeadAsync(head, cancellationToken);
        var next = _checkpoint with { AuditHeadSignature = head.Signature };
        next.Save(checkpointPath);
        _checkpoint = next;
        status.AuditHeadCopied();
    }
}
