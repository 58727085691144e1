using CircularPartners.DataSpace.Contracts.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>
/// DiagnosticsService: an echo that does no work of its own, so a load test can compare any call
/// with the cost of the transport, the interceptors and the credential check alone.
/// </summary>
[Authorize]
internal sealed class DiagnosticsGrpcService : DiagnosticsService.DiagnosticsServiceBase
{
    public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Payload = request.Payload });
}
