using System.Collections.Concurrent;
using Grpc.Net.Client;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>gRPC channels to other connectors, one per address, reused for the process lifetime.</summary>
public interface IConnectorChannels
{
    GrpcChannel For(string address);
}

internal sealed class ConnectorChannels : IConnectorChannels, IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    public GrpcChannel For(string address) => _channels.GetOrAdd(address, a => GrpcChannel.ForAddress(a, new GrpcChannelOptions
    {
        HttpHandler = DirectHandler(),
        DisposeHttpClient = true,
    }));

    /// <summary>
    /// A handler that opens a connection whenever a call finds none. By default the channel tracks
    /// connectivity itself and, after failed connection attempts, refuses calls locally for a
    /// reconnect backoff growing to two minutes: a provider back after an outage would stay
    /// "unavailable" long after it recovered, behind the circuit breaker's probe that already
    /// paces the attempts (grpc-dotnet's documented switch, pull request 2274).
    /// </summary>
    private static SocketsHttpHandler DirectHandler()
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        handler.Properties["__GrpcLoadBalancingDisabled"] = true;
        return handler;
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }
}
