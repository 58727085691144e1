using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>
/// Turns every failure escaping a service into a gRPC status with rich details, and counts it
/// (refusals by reason and rule; publish outcomes) where the status is decided.
/// </summary>
internal sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger, ConnectorMetrics metrics) : Interceptor
{
    /// <summary>The unary publish method, as <see cref="ServerCallContext.Method"/> names it (bulk publishes count per record).</summary>
    public static readonly string PublishMethod = $"/{PassportService.Descriptor.FullName}/Publish";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            var response = await continuation(request, context);
            if (string.Equals(context.Method, PublishMethod, StringComparison.Ordinal))
            {
                metrics.Published();
            }
            return response;
        }
        catch (Exception ex)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex)
        {
            throw Map(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex)
        {
            throw Map(ex, context);
        }
    }

    private RpcException Map(Exception exception, ServerCallContext context)
    {
        var correlationId = context.GetHttpContext().TraceIdentifier;
        var callerGone = context.CancellationToken.IsCancellationRequested;
        var status = ErrorStatusMapper.ToStatus(exception, correlationId, callerGone);
        metrics.Failed(context.Method, status, publish: string.Equals(context.Method, PublishMethod, StringComparison.Ordinal));
        if (ErrorStatusMapper.IsInternal(status))
        {
            ConnectorLog.UnhandledError(logger, exception, context.Method, correlationId);
        }
        else if (callerGone && ErrorStatusMapper.IsCallerGone(exception))
        {
            // A client that cancels or drops its call is no failure of ours: no stack trace.
            ConnectorLog.CallerWentAway(logger, context.Method, exception.GetType().Name, correlationId);
        }
        return status.ToRpcException();
    }
}
