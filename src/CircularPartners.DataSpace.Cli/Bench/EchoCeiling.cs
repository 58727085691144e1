using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>
/// The ceiling of a unary call: DiagnosticsService.Echo on the same connector, through the same
/// interceptors and credential check, with the same concurrency and number of calls.
/// </summary>
internal static class EchoCeiling
{
    public static async Task<LatencyStats> MeasureAsync(
        BenchCalls calls, LoadRunner runner, int count, int warmup, int payloadBytes, CancellationToken cancellationToken)
    {
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[payloadBytes]) };
        async Task<CallOutcome> EchoAsync(int _, CancellationToken token)
        {
            await calls.Diagnostics.EchoAsync(request, calls.Options());
            return CallOutcome.One;
        }

        await runner.WarmUpAsync(warmup, EchoAsync, cancellationToken);
        return await runner.RunAsync(count, EchoAsync, cancellationToken);
    }
}
