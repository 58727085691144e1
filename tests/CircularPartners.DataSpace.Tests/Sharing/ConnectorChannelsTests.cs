using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;

namespace CircularPartners.DataSpace.Tests.Sharing;

/// <summary>
/// Channels to other connectors over real sockets: a provider that comes back is reached by the
/// very next call, not only after the channel's own reconnect backoff (which grows to two minutes
/// and would keep a recovered provider "unavailable" behind the circuit breaker's probe).
/// </summary>
public sealed class ConnectorChannelsTests
{
    [Fact]
    public async Task For_ProviderStartsAfterARefusedCall_NextCallReachesIt()
    {
        var grpcPort = ConnectorProcess.FreePort();
        using var channels = new ConnectorChannels();
        var health = new Health.HealthClient(channels.For($"http://127.0.0.1:{grpcPort}"));
        await RpcAssert.FailsWith(StatusCode.Unavailable, () => health.CheckAsync(new HealthCheckRequest()).ResponseAsync);

        using var provider = new ConnectorHost(settings: new()
        {
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:Rest:Url"] = $"http://127.0.0.1:{ConnectorProcess.FreePort()}",
        });
        provider.UseKestrel();
        provider.StartServer();
        var answer = await health.CheckAsync(new HealthCheckRequest());

        Assert.NotEqual(HealthCheckResponse.Types.ServingStatus.Unknown, answer.Status);
    }
}
