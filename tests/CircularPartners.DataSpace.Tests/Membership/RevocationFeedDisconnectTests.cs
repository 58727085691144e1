using System.Net.Sockets;
using CircularPartners.DataSpace.Connector.Membership;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CircularPartners.DataSpace.Tests.Membership;

/// <summary>
/// Members come and go from the secretariat's revocation feed (restarts, network drops): the
/// secretariat, listening on a real socket, logs each departure as information, never as an error
/// with a stack trace.
/// </summary>
public sealed class RevocationFeedDisconnectTests : IDisposable
{
    private const int FollowerLeft = 1403;
    private readonly CapturedLogs _logs = new();
    private readonly int _grpcPort = ConnectorProcess.FreePort();
    private readonly ConnectorHost _secretariat;

    public RevocationFeedDisconnectTests()
    {
        _secretariat = new ConnectorHost(settings: new()
        {
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{_grpcPort}",
            ["Kestrel:Endpoints:Rest:Url"] = $"http://127.0.0.1:{ConnectorProcess.FreePort()}",
        }) { Logs = _logs };
        _secretariat.UseKestrel();
        _secretariat.StartServer();
    }

    [Fact]
    public async Task WatchRevocations_MemberConnectionDrops_LogsInformationAndNoError()
    {
        Socket? connection = null;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                connection = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await connection.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(connection, ownsSocket: true);
            },
        };
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_grpcPort}", new GrpcChannelOptions { HttpHandler = handler });
        using var call = new MembershipService.MembershipServiceClient(channel).WatchRevocations();
        await call.RequestStream.WriteAsync(new RevocationAck { Sequence = 0 });
        await WaitForFollowersAsync(1);

        // The member's process dies: its socket is reset under the open stream.
        connection!.LingerState = new LingerOption(true, 0);
        connection.Dispose();
        await WaitForFollowersAsync(0);

        await AssertLeftQuietlyAsync();
    }

    [Fact]
    public async Task WatchRevocations_MemberCancelsItsCall_LogsInformationAndNoError()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_grpcPort}");
        using var stop = new CancellationTokenSource();
        using var call = new MembershipService.MembershipServiceClient(channel).WatchRevocations(cancellationToken: stop.Token);
        await call.RequestStream.WriteAsync(new RevocationAck { Sequence = 0 });
        await WaitForFollowersAsync(1);

        await stop.CancelAsync(); // the member shuts down gracefully
        await WaitForFollowersAsync(0);

        await AssertLeftQuietlyAsync();
    }

    private async Task AssertLeftQuietlyAsync()
    {
        var left = await _logs.WaitForAsync(e => e.EventId == FollowerLeft || e.Level >= LogLevel.Error);
        Assert.True(left, "the secretariat logged nothing about the member leaving");
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
        var entry = Assert.Single(_logs.Entries, e => e.EventId == FollowerLeft);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Null(entry.Exception);
    }

    private async Task WaitForFollowersAsync(int count)
    {
        var broadcaster = _secretariat.Services.GetRequiredService<RevocationBroadcaster>();
        for (var i = 0; i < 1000 && broadcaster.FollowerCount != count; i++)
        {
            await Task.Delay(10);
        }
        Assert.Equal(count, broadcaster.FollowerCount);
    }

    public void Dispose() => _secretariat.Dispose();
}
