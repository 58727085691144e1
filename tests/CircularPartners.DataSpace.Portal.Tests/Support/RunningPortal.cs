using CircularPartners.DataSpace.Portal.Connectors;
using CircularPartners.DataSpace.Portal.Hosting;
using CircularPartners.DataSpace.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CircularPartners.DataSpace.Portal.Tests.Support;

/// <summary>The real portal on Kestrel at 127.0.0.1 on a free port, its calls routed by <paramref name="channels"/>.</summary>
internal sealed class RunningPortal : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _contentRoot;

    private RunningPortal(WebApplication app, TempDirectory contentRoot)
    {
        _app = app;
        _contentRoot = contentRoot;
    }

    public Uri Address { get; private set; } = null!;

    public static async Task<RunningPortal> StartAsync(IConnectorChannels channels, string? developmentCredential)
    {
        // An empty content root: the test's output folder holds the connector's appsettings.json too.
        var contentRoot = new TempDirectory();
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--contentRoot=" + contentRoot.Path,
            "--Logging:LogLevel:Default=Warning",
        };
        if (developmentCredential is not null)
        {
            args.Add("--Portal:DevelopmentCredential=" + developmentCredential);
        }
        var app = PortalApplication.Build([.. args], services =>
        {
            services.RemoveAll<IConnectorChannels>();
            services.AddSingleton(channels);
        });
        var portal = new RunningPortal(app, contentRoot);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        portal.Address = new Uri(address);
        return portal;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _contentRoot.Dispose();
    }
}
