using System.Collections.Concurrent;
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
/// a circuit breaker so a dead or hung provider is skipped quickly instead of being waited for.
/// A call cut off by the query's budget counts as a failure like a refused connection: a provider
/// that accepts calls and never answers would otherwise cost the whole budget on every query.
/// This is the only retry layer on these calls (the gRPC channel's own retries stay off).
/// An outage is logged once when the circuit first opens and once when it closes again; each
/// breaker's state is reported as the <c>cpds.provider.circuit.state</c> gauge.
/// </summary>
internal sealed class ProviderPipelines(TimeProvider time, ConnectorMetrics metrics, ILogger<ProviderPipelines> logger) : IDisposable
{
    /// <summary>How long a provider whose circuit opened is skipped before one query probes it again.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The token of the query's per-provider budget alone (not the caller's): a call cancelled
    /// because it ran out counts against the provider, one cancelled because the caller left does not.
    /// </summary>
    public static readonly ResiliencePropertyKey<CancellationToken> Budget = new("cpds.federated.budget");

    private readonly ResiliencePipelineRegistry<string> _registry = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _outages = new(StringComparer.Ordinal);

    public ResiliencePipeline For(string providerAddress) =>
        _registry.GetOrAddPipeline(providerAddress, builder =>
        {
            builder.TimeProvider = time;
            metrics.Circuit(providerAddress, ConnectorMetrics.CircuitState.Closed);
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception) || IsTimeout(args.Context, args.Outcome.Exception)),
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = ProbeInterval,
                OnOpened = args =>
                {
                    metrics.Circuit(providerAddress, ConnectorMetrics.CircuitState.Open);
                    // A failed probe opens the circuit again: still the same outage, no new line.
                    if (_outages.TryAdd(providerAddress, time.GetUtcNow()))
                    {
                        FederationLog.ProviderOutageStarted(logger, providerAddress, Describe(args.Outcome.Exception), (int)ProbeInterval.TotalSeconds);
                    }
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    metrics.Circuit(providerAddress, ConnectorMetrics.CircuitState.HalfOpen);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    metrics.Circuit(providerAddress, ConnectorMetrics.CircuitState.Closed);
                    if (_outages.TryRemove(providerAddress, out var since))
                    {
                        FederationLog.ProviderOutageEnded(logger, providerAddress, (long)(time.GetUtcNow() - since).TotalSeconds);
                    }
                    return ValueTask.CompletedTask;
                },
            });
        });

    /// <summary>A refused or dropped connection, or a provider shedding load: worth another try.</summary>
    public static bool IsTransient(Exception? exception) =>
        exception is RemoteUnavailableException or RpcException { StatusCode: StatusCode.Unavailable or StatusCode.ResourceExhausted };

    /// <summary>Whether <paramref name="exception"/> is a call cut off because the budget in <paramref name="context"/> ran out.</summary>
    public static bool IsTimeout(ResilienceContext context, Exception? exception) =>
        context.Properties.TryGetValue(Budget, out var budget) && budget.IsCancellationRequested && IsCutOff(exception);

    /// <summary>
    /// Once a call's token fires it surfaces in several shapes: Polly's or the runtime's own
    /// cancellation, the gRPC status, or the gateway's RemoteUnavailableException when the call
    /// cut off was a token request.
    /// </summary>
    public static bool IsCutOff(Exception? exception) =>
        exception is OperationCanceledException or RemoteUnavailableException
            or RpcException { StatusCode: StatusCode.Cancelled or StatusCode.DeadlineExceeded or StatusCode.Unavailable };

    private static string Describe(Exception? exception) => exception switch
    {
        RpcException rpc => rpc.StatusCode.ToString(),
        RemoteUnavailableException => "unreachable",
        OperationCanceledException => "no answer within the budget",
        null => "failed",
        _ => exception.GetType().Name,
    };

    public void Dispose() => _registry.Dispose();
}
