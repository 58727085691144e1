using Azure;
using CircularPartners.DataSpace.Domain.Errors;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// The one retry layer of every storage call (the SDK's own retries are switched off): jittered
/// retries of transient failures, a timeout per attempt, and a circuit breaker that answers at once
/// while the store is down instead of piling up requests. Whatever still fails becomes a
/// <see cref="StoreUnavailableException"/>; the adapter's expected answers (404, 409, 412) pass
/// through untouched for it to interpret. Every outcome is reported to the container's
/// <see cref="StoreOutageMonitor"/>, the one place an outage is noticed (and logged once).
/// </summary>
internal sealed class StoreResilience
{
    private readonly ResiliencePipeline _pipeline;
    private readonly StoreOutageMonitor? _outage;
    private readonly TimeProvider _clock;

    public StoreResilience(AzureBlobStoreOptions options, TimeProvider clock, StoreOutageMonitor? outage = null)
    {
        _outage = outage;
        _clock = clock;
        var transient = new PredicateBuilder().Handle<Exception>(IsTransient);
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(2),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds))
            .Build();
        if (options.MaxRetries == 0)
        {
            // A retry strategy needs at least one attempt; zero retries means no retry strategy at all.
            _pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions { ShouldHandle = transient, BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds) })
                .AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds))
                .Build();
        }
    }

    public async Task<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        var started = _clock.GetTimestamp();
        try
        {
            var result = await _pipeline.ExecuteAsync(static (callback, token) => callback(token), call, cancellationToken);
            _outage?.Answered();
            return result;
        }
        catch (RequestFailedException ex) when (IsExpected(ex))
        {
            _outage?.Answered();
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException ex)
        {
            _outage?.Failed(ex, started);
            throw new StoreUnavailableException("The passport store is unavailable; retry shortly.", ex);
        }
        catch (Exception ex) when (ex is RequestFailedException or TimeoutRejectedException or HttpRequestException or IOException
            or OperationCanceledException or AggregateException)
        {
            _outage?.Failed(ex, started);
            throw new StoreUnavailableException("The passport store did not answer; retry shortly.", ex);
        }
    }

    public async Task RunAsync(Func<CancellationToken, ValueTask> call, CancellationToken cancellationToken) =>
        await RunAsync(async token =>
        {
            await call(token);
            return true;
        }, cancellationToken);

    /// <summary>Answers that carry meaning for the adapter: missing, already exists, condition not met.</summary>
    public static bool IsExpected(RequestFailedException ex) => ex.Status is 404 or 409 or 412;

    private static bool IsTransient(Exception ex) => ex switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        TimeoutRejectedException or HttpRequestException or IOException => true,
        _ => false,
    };
}
