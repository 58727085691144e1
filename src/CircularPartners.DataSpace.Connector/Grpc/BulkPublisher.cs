using System.Threading.Channels;
using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;
using Grpc.Core;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>
/// Bulk publish: records are validated and appended concurrently so that many of them share one
/// disk flush (group commit), while a bad record only fails itself. Records for the same
/// passport id wait for each other, so their versions follow stream order. PublishStream answers
/// once at the end; PublishBulk sends each result as soon as its record is durable.
/// </summary>
internal sealed class BulkPublisher(PassportOperations operations, ConnectorMetrics metrics, ILogger<BulkPublisher> logger)
{
    private const int MaxInFlight = 256;

    /// <summary>Results waiting for a client that does not read them before the connector stops reading records.</summary>
    private const int MaxUnsent = 4096;

    private static readonly WriteOptions MoreToCome = new(WriteFlags.BufferHint);

    /// <summary>PublishStream: every result, in stream order, once the stream has ended.</summary>
    public async Task<PublishStreamResponse> PublishAsync(Caller caller, IAsyncStreamReader<PublishRequest> requests, ServerCallContext context)
    {
        var results = new List<PublishResult>();
        await RunAsync(caller, requests, context, "PublishStream", result =>
        {
            lock (results)
            {
                results.Add(result);
            }
            return ValueTask.CompletedTask;
        });
        var response = new PublishStreamResponse();
        foreach (var result in results.OrderBy(r => r.Index))
        {
            response.Results.Add(result);
            if (result.OutcomeCase == PublishResult.OutcomeOneofCase.Passport)
            {
                response.Published++;
                response.Unchanged += result.Passport.Unchanged ? 1 : 0;
            }
            else
            {
                response.Failed++;
            }
        }
        return response;
    }

    /// <summary>
    /// PublishBulk: each result is sent as soon as its record is stored (or refused), so a client
    /// cut off mid-stream knows exactly which records are durable.
    /// </summary>
    public async Task PublishAcknowledgingAsync(
        Caller caller, IAsyncStreamReader<PublishRequest> requests, IServerStreamWriter<PublishResult> responses, ServerCallContext context)
    {
        // Bounded, so a client that sends without reading stalls its own stream instead of
        // growing this connector's memory.
        var unsent = Channel.CreateBounded<PublishResult>(new BoundedChannelOptions(MaxUnsent) { SingleReader = true });
        var sending = SendAsync(unsent.Reader, responses, context.CancellationToken);
        try
        {
            await RunAsync(caller, requests, context, "PublishBulk", result => unsent.Writer.WriteAsync(result, context.CancellationToken));
        }
        finally
        {
            unsent.Writer.TryComplete();
        }
        await sending;
    }

    private static async Task SendAsync(ChannelReader<PublishResult> results, IServerStreamWriter<PublishResult> responses, CancellationToken cancellation)
    {
        while (await results.WaitToReadAsync(cancellation))
        {
            while (results.TryRead(out var result))
            {
                // One group commit completes many records at once: flush once for all of them.
                responses.WriteOptions = results.Count > 0 ? MoreToCome : null;
                await responses.WriteAsync(result, cancellation);
            }
        }
    }

    private async Task RunAsync(
        Caller caller, IAsyncStreamReader<PublishRequest> requests, ServerCallContext context, string method, Func<PublishResult, ValueTask> answer)
    {
        var cancellation = context.CancellationToken;
        var correlationId = context.GetHttpContext().TraceIdentifier;
        var inFlight = new Queue<(string PassportId, Task Done)>();
        var lastById = new Dictionary<string, Task>(StringComparer.Ordinal);
        var index = 0;
        await foreach (var request in requests.ReadAllAsync(cancellation))
        {
            if (inFlight.Count >= MaxInFlight)
            {
                // At most MaxInFlight records in flight: wait for the oldest. (A semaphore released
                // by every completion was contended by hundreds of completions at once after each
                // group commit: a third of the publish CPU spent spinning.)
                var (id, oldest) = inFlight.Dequeue();
                await oldest.WaitAsync(cancellation);
                if (lastById.TryGetValue(id, out var last) && last == oldest)
                {
                    lastById.Remove(id);
                }
            }
            var before = request.PassportId.Length > 0 && lastById.TryGetValue(request.PassportId, out var previous) ? previous : Task.CompletedTask;
            var task = PublishOneAsync(caller, request, index++, before, correlationId, method, answer, cancellation);
            if (request.PassportId.Length > 0)
            {
                lastById[request.PassportId] = task;
            }
            inFlight.Enqueue((request.PassportId, task));
        }
        await Task.WhenAll(inFlight.Select(f => f.Done));
    }

    private async Task PublishOneAsync(Caller caller, PublishRequest request, int index, Task before, string correlationId, string method,
        Func<PublishResult, ValueTask> answer, CancellationToken cancellation)
    {
        await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        PublishResult result;
        try
        {
            // Validation is CPU-bound: run it off the stream-reading thread.
            var outcome = await Task.Run(() => operations.PublishAsync(caller, PassportMapper.ToCommand(request), cancellation), cancellation);
            result = new PublishResult { Index = index, PassportId = outcome.Passport.PassportId, Passport = PassportMapper.ToWire(outcome) };
            metrics.Published();
        }
        catch (Exception ex)
        {
            var status = ErrorStatusMapper.ToStatus(ex, correlationId);
            metrics.Failed(method, status, publish: true);
            if (ErrorStatusMapper.IsInternal(status))
            {
                ConnectorLog.UnhandledError(logger, ex, method, correlationId);
            }
            result = new PublishResult { Index = index, PassportId = request.PassportId, Error = status };
        }
        await answer(result);
    }
}
