using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Google.Protobuf;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>DiagnosticsService.Echo: the ceiling of `cpds bench`, authenticated like every call.</summary>
public sealed class DiagnosticsTests : IClassFixture<ConnectorHostFixture>
{
    private readonly ConnectorHost _host;

    public DiagnosticsTests(ConnectorHostFixture fixture) => _host = fixture.Host;

    [Fact]
    public async Task Echo_WithCredential_ReturnsThePayload()
    {
        var client = new DiagnosticsService.DiagnosticsServiceClient(_host.Invoker(_host.CredentialFor("1010001000001")));
        var payload = ByteString.CopyFromUtf8("ping \u2603");

        var reply = await client.EchoAsync(new EchoRequest { Payload = payload });

        Assert.Equal(payload, reply.Payload);
    }

    [Fact]
    public async Task Echo_WithoutCredential_IsUnauthenticated()
    {
        var client = new DiagnosticsService.DiagnosticsServiceClient(_host.Invoker(null));

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => client.EchoAsync(new EchoRequest()).ResponseAsync);
    }
}
