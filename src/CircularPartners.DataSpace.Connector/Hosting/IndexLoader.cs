using System.Diagnostics;
using CircularPartners.DataSpace.Domain.Index;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>Rebuilds the query index from the store before the server accepts calls.</summary>
internal sealed class IndexLoader(IPassportStore store, PassportIndex index, ILogger<IndexLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await foreach (var record in store.ReadLatestAsync(cancellationToken))
        {
            index.Upsert(record);
        }
        ConnectorLog.IndexRebuilt(logger, index.Count, watch.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
