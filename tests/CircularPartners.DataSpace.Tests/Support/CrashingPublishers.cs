using System.Collections.Concurrent;
using CircularPartners.DataSpace.Contracts.V1;
using Grpc.Core;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>
/// Clients publishing new battery passports and updating earlier ones against a connector process
/// that a test kills: each stops when the process is gone; what was acknowledged is kept. A call
/// that never returns fails the test after three minutes.
/// </summary>
internal sealed class CrashingPublishers : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _hangGuard = new(TimeSpan.FromMinutes(3));
    private readonly List<Task> _writers;

    private CrashingPublishers(PassportService.PassportServiceClient client, int writers) =>
        _writers = [.. Enumerable.Range(0, writers).Select(_ => WriteAsync(client))];

    public ConcurrentBag<Passport> Acknowledged { get; } = [];

    public static CrashingPublishers Start(PassportService.PassportServiceClient client, int writers) => new(client, writers);

    /// <summary>Stops the writers (after the kill) and waits for them.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_writers);
    }

    private async Task WriteAsync(PassportService.PassportServiceClient client)
    {
        string? mine = null;
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            try
            {
                var request = mine is not null && n % 3 != 0
                    ? Passports.Request("battery", id: mine, edit: body => body["recycledContentPercent"] = n % 90)
                    : Passports.Request("battery");
                var stored = await client.PublishAsync(request, cancellationToken: _hangGuard.Token);
                Acknowledged.Add(stored);
                mine = stored.PassportId;
            }
            catch (RpcException) when (!_hangGuard.IsCancellationRequested)
            {
                return; // the process is gone: anything not acknowledged may be lost
            }
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _hangGuard.Dispose();
    }
}
