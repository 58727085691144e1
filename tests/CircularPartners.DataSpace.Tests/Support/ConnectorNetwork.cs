using System.Collections.Concurrent;
using System.Security.Cryptography;
using CircularPartners.DataSpace.Connector.Sharing;
using Grpc.Net.Client;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>
/// Several in-process connectors that reach each other by address (gRPC over each host's
/// in-memory HTTP/2 handler) and trust one membership issuer, as members of one data space do.
/// </summary>
public sealed class ConnectorNetwork : IConnectorChannels, IDisposable
{
    private readonly ConcurrentDictionary<string, ConnectorHost> _hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConnectorHost> _down = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<ConnectorHost> _started = [];
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GrpcChannel> _unreachable = new(StringComparer.Ordinal);
    private readonly string _issuerKeyPem;

    public ConnectorNetwork()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _issuerKeyPem = key.ExportECPrivateKeyPem();
    }

    /// <summary>
    /// Starts a connector reachable at <c>http://{name}.test</c>, run for <paramref name="operatorId"/>,
    /// with <paramref name="services"/> added to its own registrations and its logs captured in <paramref name="logs"/>.
    /// </summary>
    public ConnectorHost Add(string name, Dictionary<string, string>? settings = null, string operatorId = ConnectorHost.DefaultOperator,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null, CapturedLogs? logs = null)
    {
        var host = new ConnectorHost(settings: settings) { Network = this, Operator = operatorId, ExtraServices = services, Logs = logs };
        var identity = Directory.CreateDirectory(Path.Combine(host.DataDirectory, "identity")).FullName;
        File.WriteAllText(Path.Combine(identity, "dev-issuer.key.pem"), _issuerKeyPem);
        _hosts[AddressOf(name)] = host;
        _started.Add(host);
        _ = host.Services;
        return host;
    }

    public static string AddressOf(string name) => $"http://{name}.test";

    /// <summary>Makes an address unreachable, as a provider that is down.</summary>
    public void Remove(string name)
    {
        if (_hosts.TryRemove(AddressOf(name), out var host))
        {
            _down[AddressOf(name)] = host;
        }
        _channels.TryRemove(AddressOf(name), out _);
    }

    /// <summary>Brings a connector that was removed or stalled back, as a provider that recovered.</summary>
    public void Restore(string name)
    {
        if (_down.TryRemove(AddressOf(name), out var host))
        {
            _hosts[AddressOf(name)] = host;
        }
        _channels.TryRemove(AddressOf(name), out _);
    }

    /// <summary>
    /// Makes a connector stall: every call to it from now on waits until the caller gives up
    /// (the wait honours the request's cancellation, so nothing is left in flight). The first
    /// <paramref name="refusedFirst"/> calls are refused at once instead, as by a restarting host.
    /// </summary>
    public void Stall(string name, int refusedFirst = 0)
    {
        var host = _hosts[AddressOf(name)];
        _channels[AddressOf(name)] = GrpcChannel.ForAddress(host.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new StallingHandler(refusedFirst) { InnerHandler = host.Server.CreateHandler() },
        });
    }

    public GrpcChannel For(string address) =>
        _hosts.TryGetValue(address, out var host)
            ? _channels.GetOrAdd(address, _ => host.Channel())
            : _unreachable.GetOrAdd(address, _ => GrpcChannel.ForAddress("http://127.0.0.1:9")); // nothing listens on the discard port

    public void Dispose()
    {
        foreach (var channel in _unreachable.Values.Concat(_channels.Values))
        {
            channel.Dispose();
        }
        foreach (var host in _started)
        {
            host.Dispose();
        }
    }
}

/// <summary>Holds every request until it is cancelled: a provider that accepted the call and never answers.</summary>
internal sealed class StallingHandler(int refusedFirst) : DelegatingHandler
{
    private int _calls;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) <= refusedFirst)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (simulated).", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        }
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
