using Azure.Core;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Storage.AzureBlob;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>
/// A publish whose commit reached the Azure store while its answer was lost (the store became
/// unreachable right after storing the version): the answer must tell the truth either way.
/// </summary>
public sealed class AmbiguousCommitTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Owner = "1010001000001";

    [Fact]
    public async Task Publish_CommitStoredButAnswerLostThenStoreBack_AnswersTheStoredVersion()
    {
        var probe = new StorageProbe();
        using var host = Host(probe);
        var client = host.PassportClient(Owner);
        var request = Passports.Request("battery");
        var landed = LoseTheAnswerOfTheNextCommit(probe);

        var publishing = client.PublishAsync(request).ResponseAsync;
        await landed.WaitAsync(TimeSpan.FromSeconds(60));
        await probe.WaitForFailuresAsync(2); // the store is silent and the publish is still finding out
        probe.Down = false;
        var published = await publishing;

        Assert.Equal(1, published.Version);
        var history = await client.HistoryAsync(new HistoryRequest { PassportId = published.PassportId });
        Assert.Equal(published.ContentHash, Assert.Single(history.Versions).ContentHash);
    }

    [Fact]
    public async Task Publish_StoreSilentBeyondTheSettleBudget_SaysOutcomeUnknownAndTheIdenticalRepublishReturnsTheStoredVersion()
    {
        var probe = new StorageProbe();
        using var host = Host(probe);
        var client = host.PassportClient(Owner);
        var request = Passports.Request("battery");
        var landed = LoseTheAnswerOfTheNextCommit(probe);

        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await client.PublishAsync(request));
        await landed;
        probe.Down = false;
        var republished = await RepublishUntilAnsweredAsync(client, request);

        Assert.Equal(StatusCode.Unavailable, unknown.StatusCode);
        Assert.Contains("unknown", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("identical content again", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, republished.Version);
        var history = await client.HistoryAsync(new HistoryRequest { PassportId = republished.PassportId });
        Assert.Equal(republished.ContentHash, Assert.Single(history.Versions).ContentHash);
    }

    /// <summary>A client's retry: the circuit breaker may still be open for a moment after the store is back.</summary>
    private static async Task<Passport> RepublishUntilAnsweredAsync(PassportService.PassportServiceClient client, PublishRequest request)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.PublishAsync(request);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && attempt < 100)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Short attempts and no retries, so the settle budget is (0 + 1) × (2 s + 2 s) = 4 s.</summary>
    private ConnectorHost Host(StorageProbe probe)
    {
        var settings = ScaleOutTests.AzureSettings(azurite, AzuriteFixture.NewContainerName());
        settings["Storage:AzureBlob:AttemptTimeoutSeconds"] = "2";
        settings["Storage:AzureBlob:MaxRetries"] = "0";
        return new ConnectorHost(settings: settings) { ExtraServices = services => services.PostConfigure<AzureBlobStoreOptions>(probe.AddTo) };
    }

    /// <summary>The next version blob the store creates is stored, but its answer is lost and the store goes silent.</summary>
    private static Task LoseTheAnswerOfTheNextCommit(StorageProbe probe)
    {
        var landed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Answered = message =>
        {
            if (message.Request.Method == RequestMethod.Put && StorageProbe.IsVersionBlob(message) && message.Response.Status == 201 && !landed.Task.IsCompleted)
            {
                probe.Down = true;
                landed.TrySetResult();
                throw new IOException("Simulated: the connection dropped before the answer arrived.");
            }
        };
        return landed.Task;
    }
}
