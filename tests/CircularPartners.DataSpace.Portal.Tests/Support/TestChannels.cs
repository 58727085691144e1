using CircularPartners.DataSpace.Portal.Connectors;
using Grpc.Net.Client;

namespace CircularPartners.DataSpace.Portal.Tests.Support;

/// <summary>
/// Routes the portal's calls to an in-process connector; <see cref="Down"/> makes it unreachable
/// (a channel to the discard port, where nothing listens), as a connector that stopped.
/// </summary>
internal sealed class TestChannels(GrpcChannel connector) : IConnectorChannels, IDisposable
{
    private readonly GrpcChannel _nowhere = GrpcChannel.ForAddress("http://127.0.0.1:9");

    public bool Down { get; set; }

    public GrpcChannel Home => Down ? _nowhere : connector;

    public GrpcChannel Secretariat => Down ? _nowhere : connector;

    public void Dispose()
    {
        _nowhere.Dispose();
        connector.Dispose();
    }
}
