using Azure.Core;
using Azure.Core.Pipeline;
using CircularPartners.DataSpace.Storage.AzureBlob;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>
/// Sits in a store's Azure SDK pipeline (<see cref="AddTo"/>) to watch its storage requests and to
/// make the store unreachable at a chosen moment: while <see cref="Down"/> every request fails
/// before it is sent, as when the network to the store is cut.
/// </summary>
internal sealed class StorageProbe : HttpPipelinePolicy
{
    private long _failures;

    public volatile bool Down;

    /// <summary>Runs before a request is sent (not while <see cref="Down"/>).</summary>
    public Func<HttpMessage, Task>? Sending { get; set; }

    /// <summary>Runs once the store answered; may throw, as if the answer were lost on the way back.</summary>
    public Action<HttpMessage>? Answered { get; set; }

    /// <summary>Requests failed because the probe was <see cref="Down"/>.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public static bool IsVersionBlob(HttpMessage message) => message.Request.Uri.Path.Contains("/versions/", StringComparison.Ordinal);

    public void AddTo(AzureBlobStoreOptions options) => options.ConfigureClient = client => client.AddPolicy(this, HttpPipelinePosition.PerRetry);

    /// <summary>Waits (bounded, in real time) until at least <paramref name="count"/> requests failed.</summary>
    public async Task WaitForFailuresAsync(long count)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (Failures < count)
        {
            await Task.Delay(20, guard.Token);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Down)
        {
            Interlocked.Increment(ref _failures);
            throw new IOException("Simulated: the store does not answer.");
        }
        if (Sending is { } sending)
        {
            await sending(message);
        }
        await ProcessNextAsync(message, pipeline);
        Answered?.Invoke(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
}
