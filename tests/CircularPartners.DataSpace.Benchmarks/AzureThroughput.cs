using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Storage.FileSystem;

namespace CircularPartners.DataSpace.Benchmarks;

/// <summary>
/// Bulk publish throughput of the Azure Blob store against Azurite, next to the floor: uploading
/// the same bytes with the SDK alone (one conditional PUT per passport, same concurrency). Also
/// the query freshness lag between two replicas (append acknowledged on A until B's feed has it).
/// Starts its own Azurite from tools/node_modules (run `npm install --prefix tools` first).
/// </summary>
internal static class AzureThroughput
{
    public static async Task RunAsync(int passports, int concurrency)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var root = AzuriteProcess.FindRoot();
        var connection = azurite.ConnectionString;
        var json = File.ReadAllText(Path.Combine(root, "schemas", "examples", "battery.json"));
        var versions = Enumerable.Range(0, passports).Select(i => NewVersion($"urn:uuid:{Guid.NewGuid()}", json)).ToList();

        var options = new AzureBlobStoreOptions { ConnectionString = connection, ContainerName = "bench-store" };
        await using var store = new AzureBlobPassportStore(options, TimeProvider.System);
        await store.AppendAsync(NewVersion("warm-up", json), 0, default);
        var storeWatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(versions, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (v, token) => await store.AppendAsync(v, 0, token));
        var storeRate = passports / storeWatch.Elapsed.TotalSeconds;

        var raw = new BlobContainerClient(connection, "bench-raw", new BlobClientOptions { Retry = { MaxRetries = 0 } });
        await raw.CreateIfNotExistsAsync();
        var payloads = versions.Select(v => (v.PassportId, Bytes: StoredRecordSerializer.Serialize(v.ToRecord(1, v.PublishedAt)))).ToList();
        await raw.GetBlobClient("warm-up").UploadAsync(new BinaryData(payloads[0].Bytes));
        var rawWatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(payloads, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (p, token) =>
            await raw.GetBlobClient(Uri.EscapeDataString(p.PassportId)).UploadAsync(new BinaryData(p.Bytes),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, token));
        var rawRate = passports / rawWatch.Elapsed.TotalSeconds;

        Console.WriteLine($"passports: {passports}, concurrency: {concurrency}, body: {payloads[0].Bytes.Length} bytes");
        Console.WriteLine($"store publish:   {storeRate,8:F0} /s");
        Console.WriteLine($"raw SDK uploads: {rawRate,8:F0} /s");
        Console.WriteLine($"ratio store/raw: {storeRate / rawRate,8:F2}");
        await MeasureFreshnessAsync(options, json);
    }

    private static async Task MeasureFreshnessAsync(AzureBlobStoreOptions options, string json)
    {
        var fast = new AzureBlobStoreOptions { ConnectionString = options.ConnectionString, ContainerName = "bench-fresh", JournalPollMilliseconds = 250 };
        await using var a = new AzureBlobPassportStore(fast, TimeProvider.System);
        await using var b = new AzureBlobPassportStore(fast, TimeProvider.System);
        await a.AppendAsync(NewVersion("fresh-warm-up", json), 0, default);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var follower = Task.Run(async () =>
        {
            try
            {
                await foreach (var record in b.FollowAsync(stop.Token))
                {
                    seen.TryAdd(record.PassportId, Stopwatch.GetTimestamp());
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var lags = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var id = $"fresh-{i}";
            await a.AppendAsync(NewVersion(id, json), 0, default);
            var acknowledged = Stopwatch.GetTimestamp();
            while (!seen.ContainsKey(id))
            {
                await Task.Delay(5);
            }
            lags.Add(Stopwatch.GetElapsedTime(acknowledged, seen[id]).TotalMilliseconds);
        }
        await stop.CancelAsync();
        await follower;
        lags.Sort();
        Console.WriteLine($"freshness lag A->B (poll 250 ms): median {lags[lags.Count / 2]:F0} ms, max {lags[^1]:F0} ms (a negative value: seen before the ack returned)");
    }

    private static NewPassportVersion NewVersion(string id, string json) => new(id, "1010001000001", "battery/1.0",
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))),
        new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero), PassportStatus.Active, json, null,
        new PassportFacets("battery", "batteries", ["lithium"], [], 12.5));
}
