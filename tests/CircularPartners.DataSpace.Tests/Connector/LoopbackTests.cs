using System.Collections.Concurrent;
using System.Net.Http.Headers;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Storage.FileSystem;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Grpc.Net.Client;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>The connector as a separate process on loopback: the quick start, and a crash.</summary>
public sealed class LoopbackTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task QuickStart_DevelopmentCredential_PublishesOverH2cAndReadsOverRest()
    {
        await using var connector = await ConnectorProcess.StartAsync(_data.Path);
        using var channel = GrpcChannel.ForAddress(connector.GrpcAddress);
        var client = connector.PassportClient(channel);
        var request = Passports.Request("battery");

        var stored = await client.PublishAsync(request);
        using var http = new HttpClient { BaseAddress = connector.RestAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connector.Credential);
        var rest = await http.GetStringAsync("/v1/passports/" + request.PassportId);

        Assert.Equal("local-participant", stored.Owner);
        Assert.Contains(stored.ContentHash, rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill9_MidPublishing_LosesNothingAcknowledgedAndLeavesNoPartialVersion()
    {
        var acknowledged = new ConcurrentBag<Passport>();
        await using (var connector = await ConnectorProcess.StartAsync(_data.Path))
        {
            using var channel = GrpcChannel.ForAddress(connector.GrpcAddress);
            var client = connector.PassportClient(channel);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 16).Select(async writer =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        acknowledged.Add(await client.PublishAsync(Passports.Request(Passports.UseCases[writer % 5])));
                    }
                    catch (RpcException)
                    {
                        return; // the process is gone: anything not acknowledged may be lost
                    }
                }
            }).ToList();
            while (acknowledged.Count < 300)
            {
                await Task.Delay(10);
            }
            connector.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        var store = FilePassportStore.Open(new FileStoreOptions { DataDirectory = _data.Path });
        await using var _ = store;
        foreach (var ack in acknowledged)
        {
            var stored = await store.GetAsync(ack.PassportId, ack.Version, default);
            Assert.NotNull(stored);
            Assert.Equal(ack.ContentHash, stored.ContentHash);
            var rehashed = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(stored.Json)));
            Assert.Equal(ack.ContentHash, rehashed);
        }
        var visible = 0;
        await foreach (var latest in store.ReadLatestAsync(default))
        {
            Assert.Equal(64, latest.ContentHash.Length); // every visible record decodes whole
            visible++;
        }
        // The durability figures of docs/scale-out.md.
        output.WriteLine($"kill -9 after {acknowledged.Count} acknowledged publishes: {acknowledged.Count} found with their hash, {visible} passports visible, 0 lost");
    }

    public void Dispose() => _data.Dispose();
}
