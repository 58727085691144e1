using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace CircularPartners.DataSpace.Portal.Hosting;

/// <summary>
/// The portal's defaults (its address, the connector's) live in <c>portalsettings.json</c> beside
/// the executable, read below every other source wherever the portal is started from. Not
/// <c>appsettings.json</c>: a process that hosts the portal next to a connector (the browser
/// tests) would otherwise read the connector's endpoints as the portal's.
/// </summary>
internal static class PortalSettingsFile
{
    public const string FileName = "portalsettings.json";

    public static WebApplicationBuilder AddPortalSettingsFile(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = FileName,
            Optional = true,
            ReloadOnChange = false,
        });
        return builder;
    }
}
