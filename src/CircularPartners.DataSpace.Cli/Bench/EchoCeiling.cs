using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>
/// The ceiling of a unary call: DiagnosticsService.Echo on the same connector, through the same
/// interceptors and credential check, with the same concurrency and number of calls.
/// </summary>
internal static class EchoCeiling
{
    public static LoadRunner.Call Call(BenchCalls calls, int payloadBytes)
    {
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[payloadBytes]) };
        return async (_, _) =>
        {
            await calls.Diagnostics.EchoAsync(request, calls.Options());
            return CallOutcome.One;
        };
    }
}
