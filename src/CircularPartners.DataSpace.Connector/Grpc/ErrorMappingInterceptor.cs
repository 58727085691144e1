using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>Turns every failure escaping a service into a gRPC status with rich details.</summary>
internal sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
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
