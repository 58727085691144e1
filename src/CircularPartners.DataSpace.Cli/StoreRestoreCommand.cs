using System.CommandLine;
using System.Text.Json;
using Azure.Identity;
using Azure.Storage.Blobs;
using CircularPartners.DataSpace.Domain.Backup;
using CircularPartners.DataSpace.Storage.Backup;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds store restore --from TARGET --data DIR</c>: rebuilds a connector's file store (offline:
/// the connector on DIR must be stopped) from its backup, checking every copy's hash. Prints how
/// many versions were restored, found in place and refused (each refusal by passport id and
/// version); exit 0 when nothing was refused, 1 otherwise, 5 when the backup does not answer.
/// Running it again restores only what is still missing.
/// </summary>
internal static class StoreRestoreCommand
{
    public static Command Create(GlobalOptions globalOptions, CliEnvironment environment)
    {
        var from = new Option<string>("--from")
        {
            Description = "The backup: a storage connection string (with --container), a container URL (with a SAS token), or an account URL (with --container; signs in with the default Azure credential)",
            Required = true,
        };
        var container = new Option<string>("--container") { Description = "Container of the backup (Backup:AzureBlob:ContainerName)", DefaultValueFactory = _ => "passport-backup" };
        var prefix = new Option<string>("--prefix") { Description = "Folder in the container (Backup:AzureBlob:Prefix)", DefaultValueFactory = _ => "" };
        var data = new Option<string>("--data") { Description = "The connector's data folder to rebuild (Storage:DataDirectory); created when missing", DefaultValueFactory = _ => "data" };
        var restore = new Command("restore", "Rebuild a file store from its backup, checking every version's hash (the connector must be stopped)") { from, container, prefix, data };
        restore.SetAction(async (parseResult, cancellationToken) =>
        {
            RestoreReport report;
            try
            {
                var target = new AzureBlobBackupTarget(Container(parseResult.GetRequiredValue(from), parseResult.GetRequiredValue(container)), parseResult.GetRequiredValue(prefix));
                report = await FileStoreRestore.RestoreAsync(target, parseResult.GetRequiredValue(data), cancellationToken);
            }
            catch (BackupUnavailableException ex)
            {
                ErrorReporting.WriteError(environment.Stderr, ex.Message);
                return ExitCodes.Unreachable;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
            {
                ErrorReporting.WriteError(environment.Stderr, ex.Message);
                return ExitCodes.Usage;
            }
            if (parseResult.GetValue(globalOptions.Json))
            {
                environment.Stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    restored = report.Restored,
                    alreadyPresent = report.AlreadyPresent,
                    refused = report.Refused.Select(r => new { passportId = r.PassportId, version = r.Version, problem = r.Problem }),
                    auditHeadsRestored = report.AuditHeadsRestored,
                    auditHeadsPresent = report.AuditHeadsPresent,
                    auditHeadProblems = report.AuditHeadProblems,
                }));
            }
            else
            {
                Write(environment.Stdout, report);
            }
            return report.Clean ? ExitCodes.Success : ExitCodes.Rejected;
        });
        return restore;
    }

    private static BlobContainerClient Container(string from, string container)
    {
        var options = new BlobClientOptions { Retry = { MaxRetries = 3, NetworkTimeout = TimeSpan.FromSeconds(30) } };
        if (!Uri.TryCreate(from, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return new BlobServiceClient(from, options).GetBlobContainerClient(container);
        }
        // A URL naming a container (a SAS in its query authorises it); an account URL signs in.
        return url.AbsolutePath.Trim('/').Length > 0 && url.Query.Length > 0
            ? new BlobContainerClient(url, options)
            : new BlobServiceClient(url, new DefaultAzureCredential(), options).GetBlobContainerClient(container);
    }

    private static void Write(TextWriter output, RestoreReport report)
    {
        output.WriteLine($"{(report.Clean ? "restored" : "RESTORED WITH REFUSALS")}: {report.Restored} version(s) restored, {report.AlreadyPresent} already present, {report.Refused.Count} refused");
        foreach (var refused in report.Refused)
        {
            output.WriteLine($"refused: {refused.PassportId} v{refused.Version}: {refused.Problem}");
        }
        output.WriteLine($"audit heads: {report.AuditHeadsRestored} restored, {report.AuditHeadsPresent} already present, {report.AuditHeadProblems.Count} refused");
        foreach (var problem in report.AuditHeadProblems)
        {
            output.WriteLine($"refused audit head: {problem}");
        }
    }
}
