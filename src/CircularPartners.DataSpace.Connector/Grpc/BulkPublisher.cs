using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;
using Grpc.Core;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>
/// Bulk publish: records are validated and appended concurrently so that many of them share one
/// disk flush (group commit), while results keep stream order and a bad record only fails itself.
/// Records for the same passport id wait for each other, so their versions follow stream order.
/// </summary>
internal sealed class BulkPublisher(PassportOperations operations, ConnectorMetrics metrics, ILogger<BulkPublisher> logger)
{
    private const int MaxInFlight = 256;

    public async Task<PublishStreamResponse> PublishAsync(Caller caller, IAsyncStreamReader<PublishRequest> requests, ServerCallContext context)
    {
        var cancellation = context.CancellationToken;
        var correlationId = context.GetHttpContext().TraceIdentifier;
        var pending = new List<Task<PublishResult>>();
        var lastById = new Dictionary<string, Task>(StringComparer.Ordinal);
        var index = 0;
        await foreach (var request in requests.ReadAllAsync(cancellation))
        {
            if (index >= MaxInFlight)
            {
                // At most MaxInFlight records in flight: wait for the one that many places back. (A
                // semaphore released by every completion was contended by hundreds of completions
                // at once after each group commit: a third of the publish CPU spent spinning.)
                await pending[index - MaxInFlight].WaitAsync(cancellation);
            }
            var before = request.PassportId.Length > 0 && lastById.TryGetValue(request.PassportId, out var previous) ? previous : Task.CompletedTask;
            var task = PublishOneAsync(caller, request, index++, before, context.Method, correlationId, cancellation);
            if (request.PassportId.Length > 0)
            {
                lastById[request.PassportId] = task;
            }
            pending.Add(task);
        }
        var response = new PublishStreamResponse();
        foreach (var result in await Task.WhenAll(pending))
        {
            response.Results.Add(result);
            if (result.OutcomeCase == PublishResult.OutcomeOneofCase.Passport)
            {
                response.Published++;
            }
            else
            {
                response.Failed++;
            }
        }
        return response;
    }

    private async Task<PublishResult> PublishOneAsync(Caller caller, PublishRequest request, int index, Task before, string method, string correlationId, CancellationToken cancellation)
    {
        try
        {
            await before.ConfigureAwait(false);
            // Validation is CPU-bound: run it off the stream-reading thread.
            var record = await Task.Run(() => operations.PublishAsync(caller, PassportMapper.ToCommand(request), cancellation), cancellation);
            metrics.Published();
            return new PublishResult { Index = index, PassportId = record.PassportId, Passport = PassportMapper.ToWire(record with { Json = "" }) };
        }
        catch (Exception ex)
        {
            var status = ErrorStatusMapper.ToStatus(ex, correlationId);
            metrics.Failed(method, status, publish: true);
            if (ErrorStatusMapper.IsInternal(status))
            {
                ConnectorLog.UnhandledError(logger, ex, "PublishStream", correlationId);
            }
            return new PublishResult { Index = index, PassportId = request.PassportId, Error = status };
        }
    }
}
