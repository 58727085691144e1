using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// The connector's own <c>appsettings.json</c> (endpoints and their protocols, logging) applies
/// wherever it is started from: when the content root (the working directory) has none, the one
/// beside the executable is read, below every other source, so environment variables and the
/// command line still override it.
/// </summary>
internal static class ExecutableSettings
{
    private const string FileName = "appsettings.json";

    public static WebApplicationBuilder AddExecutableSettings(this WebApplicationBuilder builder)
    {
        var baseDirectory = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, FileName)) || !File.Exists(Path.Combine(baseDirectory, FileName)))
        {
            return builder;
        }
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(baseDirectory),
            Path = FileName,
            Optional = true,
            ReloadOnChange = false,
        });
        return builder;
    }
}
