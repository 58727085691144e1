using CircularPartners.DataSpace.Domain.Errors;
using Grpc.Core;

namespace CircularPartners.DataSpace.Connector.Identity;

/// <summary>
/// A call a member's connector passes on to the secretariat's (at <c>Identity:RegistryAddress</c>)
/// under the caller's own credential: the secretariat's answer, or its refusal with its details,
/// comes back as is; a secretariat that does not answer is reported unavailable, naming the address.
/// </summary>
internal static class SecretariatCall
{
    /// <summary>A registry that does not answer within this is reported unavailable.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <param name="what">What is asked, for the error ("use-case registry", "membership registry").</param>
    public static async Task<T> ForwardAsync<T>(string what, string address, ServerCallContext context, TimeProvider time, Func<CallOptions, AsyncUnaryCall<T>> call)
    {
        var headers = new Metadata { { "authorization", "Bearer " + CallerContext.CredentialOf(context) } };
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.CancellationToken);
        try
        {
            return await call(new CallOptions(headers, cancellationToken: budget.Token));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown
            || (ex.StatusCode == StatusCode.Cancelled && timeout.IsCancellationRequested))
        {
            throw new RemoteUnavailableException($"The {what} at {address} (Identity:RegistryAddress) did not answer ({ex.StatusCode}).", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new RemoteUnavailableException($"The {what} at {address} (Identity:RegistryAddress) could not be reached ({ex.Message}).", ex);
        }
    }
}
