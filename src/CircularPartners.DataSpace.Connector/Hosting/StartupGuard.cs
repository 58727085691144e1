using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;
using CircularPartners.DataSpace.Storage.FileSystem;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Loads what the connector cannot run without (schemas, store, trusted issuer) before serving,
/// and turns a failure into one clear line and exit code 1 instead of a stack trace.
/// </summary>
internal static class StartupGuard
{
    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            ConnectorLog.DataDirectory(
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CircularPartners.DataSpace.Connector"),
                app.Services.GetRequiredService<IOptions<FileStoreOptions>>().Value.DataDirectory);
            _ = app.Services.GetRequiredService<SchemaRegistry>();
            _ = app.Services.GetRequiredService<TrustedIssuer>();
            _ = app.Services.GetRequiredService<Domain.Membership.MembershipRegistry>(); // re-applies recorded revocations
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is SchemaLoadException or OptionsValidationException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"The connector cannot start: {ex.Message}");
            return 1;
        }
        catch (StoreUnavailableException ex)
        {
            // Loading the index or the sharing view needs the store; the orchestrator restarts us.
            await Console.Error.WriteLineAsync($"The connector cannot start: {ex.Message} (check Storage:AzureBlob and that the store is reachable)");
            return 1;
        }
    }
}
