using CircularPartners.DataSpace.Portal.Hosting;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Portal.Connectors;

/// <summary>One long-lived channel per configured address (a channel pools its connections).</summary>
internal sealed class ConnectorChannels : IConnectorChannels, IDisposable
{
    private readonly GrpcChannel _home;
    private readonly GrpcChannel _secretariat;

    public ConnectorChannels(IOptions<PortalOptions> options)
    {
        _home = GrpcChannel.ForAddress(options.Value.ConnectorUri);
        _secretariat = options.Value.SecretariatUri == options.Value.ConnectorUri ? _home : GrpcChannel.ForAddress(options.Value.SecretariatUri);
    }

    public GrpcChannel Home => _home;

    public GrpcChannel Secretariat => _secretariat;

    public void Dispose()
    {
        _home.Dispose();
        _secretariat.Dispose();
    }
}
