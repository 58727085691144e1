using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CircularPartners.DataSpace.Connector.Identity;

/// <summary>
/// Every call must present a membership credential (<c>authorization: Bearer &lt;JWT&gt;</c>).
/// Only health checks (for orchestrator probes), reflection (the public contract), the
/// revocation feed (which connectors need before they can check anything) and termination
/// notices (signed by the provider's key, checked by <see cref="TerminationNotices"/>) are open. A refused
/// credential presented with a data-access token is audited (<see cref="RefusedCredentialAudit"/>).
/// </summary>
internal sealed class AuthenticationInterceptor(MembershipCredentialValidator validator, RefusedCredentialAudit refusals) : Interceptor
{
    private const string CallerKey = "cpds.caller";
    private const string CredentialKey = "cpds.credential";

    public static Caller CallerOf(ServerCallContext context) =>
        context.UserState.TryGetValue(CallerKey, out var caller) ? (Caller)caller : throw new UnauthenticatedException("No credential.");

    /// <summary>The caller's own credential, forwarded when this connector acts for it at another connector.</summary>
    public static string CredentialOf(ServerCallContext context) =>
        context.UserState.TryGetValue(CredentialKey, out var credential) ? (string)credential : throw new UnauthenticatedException("No credential.");

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async Task AuthenticateAsync(ServerCallContext context)
    {
        if (context.Method.StartsWith("/grpc.health.v1.", StringComparison.Ordinal)
            || context.Method.StartsWith("/grpc.reflection.", StringComparison.Ordinal)
            || context.Method == "/circularpartners.dataspace.v1.MembershipService/WatchRevocations"
            || context.Method == "/circularpartners.dataspace.v1.ContractNegotiationService/NotifyTermination")
        {
            return;
        }
        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnauthenticatedException("A membership credential is required: send 'authorization: Bearer <JWT>'.");
        }
        var credential = header["Bearer ".Length..].Trim();
        try
        {
            context.UserState[CallerKey] = await validator.ValidateAsync(credential);
        }
        catch (UnauthenticatedException)
        {
            await refusals.RecordAsync(context);
            throw;
        }
        context.UserState[CredentialKey] = credential;
    }
}
