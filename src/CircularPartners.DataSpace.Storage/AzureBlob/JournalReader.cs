using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// Tails the change journal: every poll lists the journal blobs of the current hour, and of the
/// previous one during the first minutes of an hour (<see cref="Lookback"/>: a writer whose clock
/// lags, or whose append to the hour that just ended was still being retried, is not missed), reads
/// what was appended since the last poll, and yields the versions it names. Listing the previous
/// hour only then halves the listings an idle replica makes. A
/// replica starting late rebuilds its index from the heads and then follows from the hour before
/// its start, so writes made while it loaded are not lost either.
/// <para>A line is written before its version is committed. A line whose version is not there yet
/// stays pending and is looked up again at every poll, until the version appears or
/// <paramref name="commitGrace"/> has passed (the writer died or lost the version to another).
/// Pending versions are looked up in parallel and released in journal order as they answer
/// (<see cref="PendingVersions"/>).</para>
/// </summary>
internal sealed class JournalReader(BlobContainerClient container, StoreResilience resilience, TimeProvider clock, TimeSpan interval, TimeSpan commitGrace, AzureBlobPassportStore store)
{
    /// <summary>Version lookups in flight at once while a backlog is taken in.</summary>
    private const int Parallelism = 32;

    /// <summary>
    /// How long after an hour ends its journal blobs are still listed: longer than any clock skew
    /// between replicas and than a journal append can be retried (the commit grace bounds both).
    /// </summary>
    private TimeSpan Lookback => commitGrace > TimeSpan.FromMinutes(5) ? commitGrace : TimeSpan.FromMinutes(5);

    public async IAsyncEnumerable<PassportRecord> FollowAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        var pending = new PendingVersions(clock, commitGrace);
        var from = Hour(clock.GetUtcNow()).AddHours(-1);
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = clock.GetTimestamp();
            // Lines go to pending as soon as they are read, so an outage later in the poll loses none.
            // An outage is logged and counted by the resilience pipeline; here it only means "try again
            // at the next poll".
            if (await TryPollAsync(from, offsets, pending, cancellationToken))
            {
                from = Hour(clock.GetUtcNow() - Lookback);
                var keep = BlobLayout.JournalHour(from);
                foreach (var stale in offsets.Keys.Where(name => string.CompareOrdinal(name, keep) < 0).ToList())
                {
                    offsets.Remove(stale);
                }
                await using var released = pending.ResolveAsync(LookUpAsync, Parallelism, cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (await TryMoveNextAsync(released))
                {
                    yield return released.Current;
                }
            }
            try
            {
                // A steady cadence: a pass that took long (a backlog) is followed by the next one at once.
                if (interval - clock.GetElapsedTime(started) is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, clock, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private Task<PassportRecord?> LookUpAsync(JournalEntry entry, CancellationToken cancellationToken) =>
        store.GetAsync(entry.Id, entry.Version, cancellationToken);

    private async Task<bool> TryPollAsync(DateTimeOffset from, Dictionary<string, long> offsets, PendingVersions pending, CancellationToken cancellationToken)
    {
        try
        {
            await PollAsync(from, offsets, pending, cancellationToken);
            return true;
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }

    private static async Task<bool> TryMoveNextAsync(IAsyncEnumerator<PassportRecord> released)
    {
        try
        {
            return await released.MoveNextAsync();
        }
        catch (StoreUnavailableException)
        {
            return false; // the rest stays pending for the next poll
        }
    }

    private async Task PollAsync(DateTimeOffset from, Dictionary<string, long> offsets, PendingVersions pending, CancellationToken cancellationToken)
    {
        for (var hour = from; hour <= clock.GetUtcNow(); hour = hour.AddHours(1))
        {
            string? continuation = null;
            do
            {
                var page = await store.ListPageAsync(BlobLayout.JournalHour(hour), continuation, cancellationToken);
                if (page is null)
                {
                    return;
                }
                foreach (var blob in page.Values)
                {
                    var read = offsets.GetValueOrDefault(blob.Name);
                    if (blob.Properties.ContentLength is { } length && length > read)
                    {
                        offsets[blob.Name] = read + await ReadEntriesAsync(blob.Name, read, length, pending, cancellationToken);
                    }
                }
                continuation = page.ContinuationToken;
            }
            while (!string.IsNullOrEmpty(continuation));
        }
    }

    /// <summary>Reads complete lines from <paramref name="offset"/>; returns the bytes consumed.</summary>
    private async Task<long> ReadEntriesAsync(string name, long offset, long length, PendingVersions pending, CancellationToken cancellationToken)
    {
        BinaryData content;
        try
        {
            content = await resilience.RunAsync(async token => (await container.GetBlobClient(name).DownloadContentAsync(new BlobDownloadOptions
            {
                Range = new HttpRange(offset, length - offset),
            }, token)).Value.Content, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 416)
        {
            return 0;
        }
        var bytes = content.ToMemory();
        var consumed = bytes.Span.LastIndexOf((byte)'\n') + 1;
        var lines = bytes[..consumed];
        while (!lines.IsEmpty)
        {
            var end = lines.Span.IndexOf((byte)'\n');
            var entry = JsonSerializer.Deserialize(lines.Span[..end], BlobJsonContext.Default.JournalEntry);
            lines = lines[(end + 1)..];
            if (entry is not null)
            {
                pending.Add(entry);
            }
        }
        return consumed;
    }

    private static DateTimeOffset Hour(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
