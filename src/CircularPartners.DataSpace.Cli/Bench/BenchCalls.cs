using CircularPartners.DataSpace.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>
/// Clients and call options for a bench run: the membership credential on every call, plus the
/// data-access token when one is given, and the same per-call deadline as every other command.
/// </summary>
internal sealed class BenchCalls(CommandContext context, CallInvoker invoker, string? accessToken)
{
    private readonly Metadata _headers = Headers(context.Connection.Token, accessToken);

    public PassportService.PassportServiceClient Passports { get; } = new(invoker);

    public DiagnosticsService.DiagnosticsServiceClient Diagnostics { get; } = new(invoker);

    public SharingService.SharingServiceClient Sharing { get; } = new(invoker);

    public CallOptions Options()
    {
        var options = context.CallOptions();
        return new CallOptions(_headers, options.Deadline, options.CancellationToken);
    }

    /// <summary>The same credential with <paramref name="token"/> at another connector (e.g. the provider).</summary>
    public BenchCalls At(CallInvoker other, string? token) => new(context, other, token);

    /// <summary>A channel to <paramref name="address"/>: the environment's (tests) or a new one the caller disposes.</summary>
    public static (GrpcChannel Channel, bool Owned) Open(CommandContext context, Uri address) =>
        context.ChannelFactory is { } factory ? (factory(address), false) : (GrpcChannel.ForAddress(address), true);

    private static Metadata Headers(string credential, string? accessToken)
    {
        var headers = new Metadata { { "authorization", $"Bearer {credential}" } };
        if (!string.IsNullOrEmpty(accessToken))
        {
            headers.Add("x-data-access-token", accessToken);
        }

        return headers;
    }
}
