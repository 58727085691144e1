using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using CircularPartners.DataSpace.Domain.Errors;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// Appends one JSON line per version about to be committed to this writer's append blob of the
/// current hour (see <see cref="JournalReader"/> for lines whose commit never came).
/// Concurrent appends are grouped into one block (an append blob holds at most 50,000 blocks), and
/// each writer has its own blob, so replicas never contend on the journal. A full blob rolls over
/// to the next segment.
/// </summary>
internal sealed class JournalWriter : IAsyncDisposable
{
    private const int MaxLinesPerBlock = 2000;
    private readonly BlobContainerClient _container;
    private readonly StoreResilience _resilience;
    private readonly TimeProvider _clock;
    private readonly string _writerId = Guid.NewGuid().ToString("N")[..12];
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private int _segment;

    public JournalWriter(BlobContainerClient container, StoreResilience resilience, TimeProvider clock)
    {
        _container = container;
        _resilience = resilience;
        _clock = clock;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes once the line is in the journal.</summary>
    public Task AppendAsync(string passportId, long version, CancellationToken cancellationToken)
    {
        var pending = new Pending(new JournalEntry(passportId, version));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new StoreUnavailableException("The passport store is shutting down.");
        }
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxLinesPerBlock);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxLinesPerBlock && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            try
            {
                await WriteBlockAsync(batch);
                batch.ForEach(p => p.Completion.TrySetResult());
            }
            catch (Exception ex) when (ex is StoreUnavailableException or RequestFailedException)
            {
                var failure = ex as StoreUnavailableException ?? new StoreUnavailableException("The change journal could not be written.", ex);
                batch.ForEach(p => p.Completion.TrySetException(failure));
            }
        }
    }

    private async Task WriteBlockAsync(List<Pending> batch)
    {
        var lines = new StringBuilder();
        foreach (var pending in batch)
        {
            lines.Append(JsonSerializer.Serialize(pending.Entry, BlobJsonContext.Default.JournalEntry)).Append('\n');
        }
        var bytes = Encoding.UTF8.GetBytes(lines.ToString());
        for (var attempt = 0; ; attempt++)
        {
            var blob = _container.GetAppendBlobClient($"{BlobLayout.JournalHour(_clock.GetUtcNow())}{_writerId}-{_segment:D4}.log");
            try
            {
                if (_created.Add(blob.Name))
                {
                    await _resilience.RunAsync(async token => await blob.CreateIfNotExistsAsync(cancellationToken: token), CancellationToken.None);
                }
                await _resilience.RunAsync(async token =>
                {
                    using var content = new MemoryStream(bytes);
                    await blob.AppendBlockAsync(content, cancellationToken: token);
                }, CancellationToken.None);
                return;
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == "BlockCountExceedsLimit" && attempt < 3)
            {
                _segment++;
            }
            catch (StoreUnavailableException)
            {
                // The blob may not exist yet if its creation failed; try creating it again next time.
                _created.Remove(blob.Name);
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(JournalEntry Entry)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
