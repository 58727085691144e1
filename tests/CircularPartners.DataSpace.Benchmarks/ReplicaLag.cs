using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Storage.AzureBlob;

namespace CircularPartners.DataSpace.Benchmarks;

/// <summary>
/// Replica freshness under sustained writes, against Azurite: replica A publishes at a fixed rate
/// (open loop, a bounded number in flight) while replica B follows the change journal; each
/// version's lag runs from A's acknowledgement to B's change feed yielding it (what B's query index
/// takes in). Before the load, B idles (journal and sharing polls only) and its storage requests
/// are counted, the standing cost of one replica.
/// </summary>
internal static class ReplicaLag
{
    private const int SharingRecords = 50;

    /// <param name="rate">Publishes per second through A; 0 publishes as fast as <paramref name="concurrency"/> allows.</param>
    public static async Task RunAsync(double rate, int seconds, int concurrency, int idleSeconds)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var json = File.ReadAllText(Path.Combine(AzuriteProcess.FindRoot(), "schemas", "examples", "battery.json"));
        var requests = new RequestCounter();
        var optionsA = new AzureBlobStoreOptions { ConnectionString = azurite.ConnectionString, ContainerName = "bench-replicas" };
        var optionsB = new AzureBlobStoreOptions
        {
            ConnectionString = azurite.ConnectionString,
            ContainerName = optionsA.ContainerName,
            ConfigureClient = client => client.AddPolicy(requests, HttpPipelinePosition.PerRetry),
        };
        await using var a = new AzureBlobPassportStore(optionsA, TimeProvider.System);
        await using var b = new AzureBlobPassportStore(optionsB, TimeProvider.System);
        await a.AppendAsync(NewVersion("warm-up", json), 0, default);
        await SeedSharingAsync(optionsA);
        var sharingB = new AzureBlobSharingStore(optionsB, TimeProvider.System);
        await sharingB.LoadAsync(default);

        var seen = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var following = Task.WhenAll(FollowAsync(b, seen, stop.Token), sharingB.FollowAsync(stop.Token));

        await Task.Delay(TimeSpan.FromSeconds(2)); // let B's first polls take in the warm-up
        var idleFrom = requests.Count;
        var idleWatch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        var idleRate = (requests.Count - idleFrom) / idleWatch.Elapsed.TotalSeconds;

        var acked = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var maxBehind = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                maxBehind = Math.Max(maxBehind, acked.Keys.Count(id => !seen.ContainsKey(id)));
                await Task.Delay(100, CancellationToken.None);
            }
        });
        var loadWatch = Stopwatch.StartNew();
        await PublishAsync(a, json, rate, seconds, concurrency, acked);
        var loadTime = loadWatch.Elapsed;
        var loadEnd = Stopwatch.GetTimestamp();
        for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromMinutes(3) && acked.Keys.Any(id => !seen.ContainsKey(id));)
        {
            await Task.Delay(20);
        }
        await sampling.CancelAsync();
        await sampler;
        await stop.CancelAsync();
        await following;

        var lags = acked.Where(p => seen.ContainsKey(p.Key)).Select(p => Math.Max(0, Stopwatch.GetElapsedTime(p.Value, seen[p.Key]).TotalMilliseconds)).Order().ToList();
        var lastSeen = acked.Keys.Where(seen.ContainsKey).Select(id => seen[id]).DefaultIfEmpty(loadEnd).Max();
        var target = rate > 0 ? $"{rate:F0}/s target" : $"as fast as {concurrency} in flight allow";
        Console.WriteLine($"# {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, poll {optionsA.JournalPollMilliseconds} ms, {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}");
        Console.WriteLine($"publish through A: {target}, {acked.Count / loadTime.TotalSeconds:F1}/s achieved over {loadTime.TotalSeconds:F0} s ({acked.Count} versions)");
        Console.WriteLine($"replica lag A->B: p50 {Percentile(lags, 0.50):F0} ms, p99 {Percentile(lags, 0.99):F0} ms, max {(lags.Count > 0 ? lags[^1] : 0):F0} ms; "
            + $"at most {maxBehind} versions behind; caught up {Math.Max(0, Stopwatch.GetElapsedTime(loadEnd, lastSeen).TotalMilliseconds):F0} ms after the load; never seen: {acked.Count - lags.Count}");
        Console.WriteLine($"idle replica B: {idleRate:F1} storage requests/s over {idleSeconds} s (journal + {SharingRecords} sharing records)");
    }

    private static async Task PublishAsync(AzureBlobPassportStore a, string json, double rate, int seconds, int concurrency, ConcurrentDictionary<string, long> acked)
    {
        using var gate = new SemaphoreSlim(concurrency);
        var running = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; Stopwatch.GetElapsedTime(start).TotalSeconds < seconds; i++)
        {
            if (rate > 0 && TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(start) is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }
            await gate.WaitAsync();
            var id = $"lag-{i}";
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await a.AppendAsync(NewVersion(id, json), 0, default);
                    acked[id] = Stopwatch.GetTimestamp();
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        await Task.WhenAll(running);
    }

    private static async Task FollowAsync(AzureBlobPassportStore b, ConcurrentDictionary<string, long> seen, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var record in b.FollowAsync(cancellationToken))
            {
                seen.TryAdd(record.PassportId, Stopwatch.GetTimestamp());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SeedSharingAsync(AzureBlobStoreOptions options)
    {
        var sharing = new AzureBlobSharingStore(options, TimeProvider.System);
        await sharing.LoadAsync(default);
        var constraints = new OfferConstraints(["venous"], [], ["recycling"], null, null, null, false);
        for (var i = 0; i < SharingRecords; i++)
        {
            await sharing.SaveOfferAsync(new Offer($"offer-{i}", "1010001000001", new DatasetSelector([], null, "battery"), ["participant"], constraints,
                "bench", DateTimeOffset.UtcNow), default);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static NewPassportVersion NewVersion(string id, string json) => new(id, "1010001000001", "battery/1.0",
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))),
        DateTimeOffset.UtcNow, PassportStatus.Active, json, null, new PassportFacets("battery", "batteries", ["lithium"], [], 12.5));

    /// <summary>Counts every request attempt the SDK sends.</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
