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

    public GrpcChannel For(string address) => _channels.GetOrAdd(address, a => GrpcChannel.ForAddress(a));

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }
}
