using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>The Azure Blob store goes away in the middle of a bulk publish and comes back.</summary>
public sealed class StoreOutageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Owner = "1010001000001";

    [Fact]
    public async Task Start_StoreUnreachable_ExitsOneWithOneLineNoStackTrace()
    {
        using var data = new TempDirectory();
        var (exitCode, stderr) = await ConnectorProcess.RunToExitAsync(data.Path,
            "--Storage:Provider=AzureBlob",
            "--Storage:AzureBlob:ConnectionString=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteFixture.AccountKey + ";BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;",
            "--Storage:AzureBlob:AttemptTimeoutSeconds=1", "--Storage:AzureBlob:MaxRetries=0");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("The connector cannot start:", stderr.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishStream_StoreStoppedAndRestarted_UnavailableThenRecoversKeepingAcknowledged()
    {
        var settings = ScaleOutTests.AzureSettings(azurite, AzuriteFixture.NewContainerName());
        settings["Storage:AzureBlob:AttemptTimeoutSeconds"] = "2";
        settings["Storage:AzureBlob:MaxRetries"] = "2";
        settings["Storage:AzureBlob:BreakSeconds"] = "1";
        using var host = new ConnectorHost(settings: settings);
        var client = host.PassportClient(Owner);
        var health = new Health.HealthClient(host.Channel());
        var acknowledged = new Dictionary<string, string>();
        var failures = new List<int>();

        async Task<int> PublishBatchAsync()
        {
            var batch = Enumerable.Range(0, 20).Select(i => Passports.Request(Passports.UseCases[i % 5])).ToList();
            try
            {
                using var call = client.PublishStream();
                foreach (var request in batch)
                {
                    await call.RequestStream.WriteAsync(request);
                }
                await call.RequestStream.CompleteAsync();
                var response = await call;
                foreach (var result in response.Results)
                {
                    if (result.OutcomeCase == PublishResult.OutcomeOneofCase.Passport)
                    {
                        acknowledged[result.PassportId] = result.Passport.ContentHash;
                    }
                    else
                    {
                        failures.Add(result.Error.Code);
                    }
                }
                return response.Published;
            }
            catch (RpcException ex)
            {
                failures.Add((int)ex.StatusCode);
                return 0;
            }
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(20, await PublishBatchAsync());
        }
        var publishing = Task.Run(async () =>
        {
            while (failures.Count < 40)
            {
                await PublishBatchAsync();
            }
        });
        azurite.Stop();
        await publishing.WaitAsync(TimeSpan.FromSeconds(60));
        var ready = await health.CheckAsync(new HealthCheckRequest { Service = "ready" });
        var live = await health.CheckAsync(new HealthCheckRequest { Service = "live" });
        await azurite.Start();
        var recovered = false;
        for (var attempt = 0; attempt < 100 && !recovered; attempt++)
        {
            recovered = await PublishBatchAsync() == 20;
            if (!recovered)
            {
                await Task.Delay(200);
            }
        }

        Assert.True(recovered);
        Assert.All(failures, code => Assert.Equal((int)StatusCode.Unavailable, code));
        Assert.Equal(ServingStatus.NotServing, ready.Status);
        Assert.Equal(ServingStatus.Serving, live.Status);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "ready" })).Status);
        foreach (var (id, hash) in acknowledged)
        {
            Assert.Equal(hash, (await client.GetAsync(new GetPassportRequest { PassportId = id })).ContentHash);
        }
    }

    [Fact]
    public async Task Outage_StoreStoppedAndRestarted_LogsOneWarningWhenItStartsAndOneWhenItEnds()
    {
        var settings = ScaleOutTests.AzureSettings(azurite, AzuriteFixture.NewContainerName());
        settings["Storage:AzureBlob:AttemptTimeoutSeconds"] = "10"; // a refused connection fails at once; a slow answer is no outage
        settings["Storage:AzureBlob:MaxRetries"] = "1";
        settings["Storage:AzureBlob:BreakSeconds"] = "1";
        var logs = new CapturedLogs();
        using var host = new ConnectorHost(settings: settings) { Logs = logs };
        var client = host.PassportClient(Owner);
        await client.PublishAsync(Passports.Request("battery"));

        azurite.Stop();
        var refused = 0;
        for (var i = 0; i < 10; i++)
        {
            var failure = await Assert.ThrowsAsync<RpcException>(async () => await client.PublishAsync(Passports.Request("battery")));
            refused += failure.StatusCode == StatusCode.Unavailable ? 1 : 0;
        }
        Assert.True(await logs.WaitForAsync(e => e.EventId == 41));
        var duringOutage = logs.Entries.Count(e => e.Level >= LogLevel.Warning);
        await azurite.Start();
        var recovered = false;
        for (var attempt = 0; attempt < 100 && !recovered; attempt++)
        {
            try
            {
                await client.PublishAsync(Passports.Request("battery"));
                recovered = true;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
            {
                await Task.Delay(200);
            }
        }
        Assert.True(await logs.WaitForAsync(e => e.EventId == 42));

        Assert.True(recovered);
        Assert.Equal(10, refused);
        var storage = logs.Entries.Where(e => e.Category == "CircularPartners.DataSpace.Storage").ToList();
        Assert.True(storage.Select(e => e.EventId).SequenceEqual([41, 42]), string.Join("\n", storage));
        Assert.All(storage, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.All(storage, e => Assert.Null(e.Exception)); // the cause in one line, no stack trace
        Assert.Contains("Azure Blob container", storage[0].Message, StringComparison.Ordinal);
        Assert.Matches("(HttpRequestException|SocketException|IOException|RequestFailedException): ", storage[0].Message);
        Assert.Matches(@"reachable again after an outage of \d+(\.\d)? s \(\d+ storage calls failed", storage[1].Message);
        Assert.True(duringOutage < refused, $"{duringOutage} warnings for {refused} refused calls: {string.Join(" / ", logs.Entries)}");
    }
}
