using Azure.Storage.Blobs;
using CircularPartners.DataSpace.Cli;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Backup;

/// <summary>Settings, waits and checks shared by the backup tests.</summary>
internal static class BackupSupport
{
    public static Dictionary<string, string> Settings(AzuriteFixture azurite, string container, int batchSize = 256, int parallelism = 8) => new()
    {
        ["Backup:Target"] = "AzureBlob",
        ["Backup:AzureBlob:ConnectionString"] = azurite.ConnectionString,
        ["Backup:AzureBlob:ContainerName"] = container,
        ["Backup:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Backup:Parallelism"] = parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Backup:RetrySeconds"] = "1",
        ["Backup:AuditHeadPollSeconds"] = "1",
    };

    /// <summary>Polls the connector's backup status (in real time, bounded) until it holds <paramref name="until"/>.</summary>
    public static async Task<BackupStatus> WaitForBackupAsync(CallInvoker invoker, Func<BackupStatus, bool> until)
    {
        var diagnostics = new DiagnosticsService.DiagnosticsServiceClient(invoker);
        BackupStatus status = new();
        for (var poll = 0; poll < 1200; poll++)
        {
            status = (await diagnostics.GetConnectorInfoAsync(new GetConnectorInfoRequest())).Backup;
            if (until(status))
            {
                return status;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The backup did not get there: {status}");
    }

    /// <summary>Every version blob in the backup: passport id and version (from the record) to content hash.</summary>
    public static async Task<Dictionary<(string, long), string>> BackedUpAsync(AzuriteFixture azurite, string container)
    {
        var client = new BlobContainerClient(azurite.ConnectionString, container);
        var found = new Dictionary<(string, long), string>();
        await foreach (var blob in client.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "passports/" }))
        {
            var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content;
            var record = System.Text.Json.JsonDocument.Parse(content.ToMemory()).RootElement;
            Assert.True(found.TryAdd((record.GetProperty("passportId").GetString()!, record.GetProperty("version").GetInt64()), record.GetProperty("contentHash").GetString()!));
        }
        return found;
    }

    public static async Task<(int Exit, string Output)> RestoreAsync(AzuriteFixture azurite, string container, string dataDirectory, params string[] extra)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(
            ["store", "restore", "--from", azurite.ConnectionString, "--container", container, "--data", dataDirectory, .. extra], stdout, stderr);
        return (exit, stdout.ToString() + stderr);
    }
}
