using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Domain.Errors;
using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// One resilience pipeline per provider connector: jittered retries of transient failures, then
/// a circuit breaker so a dead provider is skipped quickly instead of being waited for. This is
/// the only retry layer on these calls (the gRPC channel's own retries stay off). Each breaker's
/// state is reported as the <c>cpds.provider.circuit.state</c> gauge.
/// </summary>
internal sealed class ProviderPipelines(TimeProvider time, ConnectorMetrics metrics) : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> _registry = new();

    public ResiliencePipeline For(string providerAddress) =>
        _registry.GetOrAddPipeline(providerAddress, builder =>
        {
            builder.TimeProvider = time;
            metrics.Circuit(providerAddress, ConnectorMetrics.CircuitState.Closed);
            var transient = new PredicateBuilder()
                .Handle<RpcException>(ex => ex.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted)
                .Handle<RemoteUnavailableException>();
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(15),
                OnOpened = _ => Report(providerAddress, ConnectorMetrics.CircuitState.Open),
                OnHalfOpened = _ => Report(providerAddress, ConnectorMetrics.CircuitState.HalfOpen),
                OnClosed = _ => Report(providerAddress, ConnectorMetrics.CircuitState.Closed),
            });
        });

    private ValueTask Report(string providerAddress, ConnectorMetrics.CircuitState state)
    {
        metrics.Circuit(providerAddress, state);
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _registry.Dispose();
}
