using System.Diagnostics.Metrics;
using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Connector.Sharing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace CircularPartners.DataSpace.Tests.Sharing;

/// <summary>The per-provider circuit breaker's state as the <c>cpds.provider.circuit.state</c> gauge.</summary>
public sealed class ProviderCircuitMetricsTests
{
    [Fact]
    public async Task CircuitState_ProviderKeepsFailing_GaugeGoesFromClosedToOpen()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ConnectorMetrics(services.GetRequiredService<IMeterFactory>(), TimeProvider.System, services);
        using var pipelines = new ProviderPipelines(TimeProvider.System, metrics, Microsoft.Extensions.Logging.Abstractions.NullLogger<ProviderPipelines>.Instance);
        var provider = $"http://{Guid.NewGuid():N}.test";
        var pipeline = pipelines.For(provider);

        Assert.Equal(0, StateOf(provider));
        for (var call = 0; call < 8; call++)
        {
            try
            {
                await pipeline.ExecuteAsync(_ => throw new RpcException(new Status(StatusCode.Unavailable, "down")));
            }
            catch (Exception ex) when (ex is RpcException or BrokenCircuitException)
            {
            }
        }

        Assert.Equal(2, StateOf(provider));
    }

    /// <summary>Reads the gauge once, for one provider (listeners are process-wide; the address is unique to the test).</summary>
    private static int? StateOf(string provider)
    {
        int? state = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ConnectorMetrics.MeterName && instrument.Name == "cpds.provider.circuit.state")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "provider" && Equals(tag.Value, provider))
                {
                    state = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return state;
    }
}
