using System.Threading.Channels;
using CircularPartners.DataSpace.Domain.Backup;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.FileSystem;

namespace CircularPartners.DataSpace.Storage.Backup;

/// <summary>A backed-up version (or signed head) that was not restored, and why.</summary>
public sealed record RestoreProblem(string PassportId, long Version, string Problem);

/// <summary>What a restore did: versions written, versions the store held already (same hash), and every copy refused with its reason.</summary>
public sealed record RestoreReport(long Restored, long AlreadyPresent, IReadOnlyList<RestoreProblem> Refused, long AuditHeadsRestored, long AuditHeadsPresent, IReadOnlyList<string> AuditHeadProblems)
{
    public bool Clean => Refused.Count == 0 && AuditHeadProblems.Count == 0;
}

/// <summary>
/// Rebuilds an offline file store from a backup (<c>cpds store restore</c>). Each passport's
/// versions are appended oldest first with the version expected, through the store's own write
/// path (so group commit, framing and the version directory are as for a publish); a version
/// appended gets the same number, hash and times as its copy because the store derives them the
/// same way. A version the store holds already is compared by hash and left alone, so a restore
/// can be run again (after a crash, or to top up) and only adds what is missing. A copy that fails
/// its checks is refused and named; so are the later versions of that passport, since a history
/// is never restored with a hole in it.
/// </summary>
public static class FileStoreRestore
{
    private const int Workers = 32;

    public static async Task<RestoreReport> RestoreAsync(IBackupTarget from, string dataDirectory, CancellationToken cancellationToken)
    {
        var options = new FileStoreOptions { DataDirectory = dataDirectory };
        var tally = new Tally();
        await using (var store = FilePassportStore.Open(options))
        {
            var passports = Channel.CreateBounded<List<BackedUpVersion>>(Workers * 4);
            // A worker that fails stops the reading too, so the reader never waits on a full channel nobody drains.
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                try
                {
                    await foreach (var history in passports.Reader.ReadAllAsync(failed.Token))
                    {
                        await RestorePassportAsync(store, history, tally, failed.Token);
                    }
                }
                catch
                {
                    await failed.CancelAsync();
                    throw;
                }
            }, CancellationToken.None)).ToList();
            try
            {
                List<BackedUpVersion>? current = null;
                await foreach (var version in from.ReadVersionsAsync(failed.Token))
                {
                    if (current is not null && current[0].PassportId != version.PassportId)
                    {
                        await passports.Writer.WriteAsync(current, failed.Token);
                        current = null;
                    }
                    (current ??= []).Add(version);
                }
                if (current is not null)
                {
                    await passports.Writer.WriteAsync(current, failed.Token);
                }
            }
            finally
            {
                passports.Writer.TryComplete();
                // The workers' own failure, not the cancellation it caused, is what the caller sees.
                await Task.WhenAll(workers);
            }
        }
        var (headsRestored, headsPresent, headProblems) = await RestoreAuditHeadsAsync(from, options, cancellationToken);
        return new RestoreReport(tally.Restored, tally.Present, [.. tally.Refused.OrderBy(p => p.PassportId, StringComparer.Ordinal).ThenBy(p => p.Version)],
            headsRestored, headsPresent, headProblems);
    }

    private static async Task RestorePassportAsync(FilePassportStore store, List<BackedUpVersion> history, Tally tally, CancellationToken cancellationToken)
    {
        string? blocked = null;
        var expected = 1L;
        foreach (var copy in history.OrderBy(v => v.Version))
        {
            if (blocked is null && copy.Version != expected)
            {
                blocked = $"v{expected} is missing from the backup";
            }
            expected = copy.Version + 1;
            if (blocked is not null || copy.Record is not { } record)
            {
                tally.Refuse(new RestoreProblem(copy.PassportId, copy.Version, copy.Problem ?? $"not restored: {blocked}"));
                blocked ??= $"v{copy.Version} is damaged in the backup";
                continue;
            }
            var (outcome, problem) = await RestoreVersionAsync(store, record, cancellationToken);
            if (outcome == Outcome.Refused)
            {
                tally.Refuse(new RestoreProblem(record.PassportId, record.Version, problem!));
                blocked = $"v{record.Version} was refused";
            }
            else
            {
                tally.Count(outcome == Outcome.Restored);
            }
        }
    }

    private enum Outcome
    {
        Restored,
        Present,
        Refused,
    }

    /// <summary>Appends one version unless the store holds it with the same hash; a refusal comes with its reason.</summary>
    private static async Task<(Outcome, string?)> RestoreVersionAsync(FilePassportStore store, PassportRecord record, CancellationToken cancellationToken)
    {
        PassportRecord? held;
        try
        {
            held = await store.GetAsync(record.PassportId, record.Version, cancellationToken);
        }
        catch (StoreDataLossException)
        {
            return (Outcome.Refused, "the store holds this version damaged; restore into an empty folder instead");
        }
        if (held is not null)
        {
            return Same(held, record) ? (Outcome.Present, null) : (Outcome.Refused, "the store holds a different version under this number");
        }
        var next = new NewPassportVersion(record.PassportId, record.Owner, record.SchemaId, record.ContentHash, record.PublishedAt,
            record.Status, record.Json, record.WithdrawalReason, record.Facets);
        PassportRecord written;
        try
        {
            written = await store.AppendAsync(next, record.Version - 1, cancellationToken);
        }
        catch (VersionConflictException conflict)
        {
            return (Outcome.Refused, $"the store's history of this passport ends at v{conflict.Actual}, not v{record.Version - 1}");
        }
        return Same(written, record) ? (Outcome.Restored, null) : (Outcome.Refused, "written, but the store gave it other dates than its copy has");
    }

    private static bool Same(PassportRecord a, PassportRecord b) =>
        a.ContentHash == b.ContentHash && a.Version == b.Version && a.Owner == b.Owner && a.Status == b.Status
        && a.CreatedAt == b.CreatedAt && a.PublishedAt == b.PublishedAt && a.SchemaId == b.SchemaId;

    /// <summary>Appends the signed heads newer than the newest the store holds; heads are appended in signing order, so older ones are there already.</summary>
    private static async Task<(long Restored, long Present, IReadOnlyList<string> Problems)> RestoreAuditHeadsAsync(IBackupTarget from, FileStoreOptions options, CancellationToken cancellationToken)
    {
        using var heads = FileAuditHeadStore.OwnHeads(options);
        var newest = heads.Latest?.SignedAt;
        long restored = 0, present = 0;
        var problems = new List<string>();
        await foreach (var copy in from.ReadAuditHeadsAsync(cancellationToken))
        {
            if (copy.Head is not { } head)
            {
                problems.Add($"{copy.Name}: {copy.Problem}");
            }
            else if (newest is { } held && head.SignedAt <= held)
            {
                present++;
            }
            else
            {
                await heads.AppendAsync(head, cancellationToken);
                newest = head.SignedAt;
                restored++;
            }
        }
        return (restored, present, problems);
    }

    private sealed class Tally
    {
        private long _restored;
        private long _present;

        public long Restored => Interlocked.Read(ref _restored);
        public long Present => Interlocked.Read(ref _present);
        public System.Collections.Concurrent.ConcurrentBag<RestoreProblem> Refused { get; } = [];

        public void Count(bool restored) => Interlocked.Increment(ref restored ? ref _restored : ref _present);

        public void Refuse(RestoreProblem problem) => Refused.Add(problem);
    }
}
