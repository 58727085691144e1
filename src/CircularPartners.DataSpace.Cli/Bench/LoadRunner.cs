using System.Diagnostics;
using Grpc.Core;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>
/// Drives one kind of call with <c>concurrency</c> workers that each take the next call number
/// until all are done, timing every call. Scenarios run a warm-up (JIT, connections, caches)
/// first with its own calls, so a publish warm-up never reuses a measured document.
/// </summary>
internal sealed class LoadRunner(int concurrency)
{
    /// <summary>One call; returns how many items it carried and how many of them failed.</summary>
    public delegate Task<CallOutcome> Call(int callNumber, CancellationToken cancellationToken);

    /// <summary>The first failure, kept so a run where every call failed can report why.</summary>
    public RpcException? FirstError { get; private set; }

    public int Concurrency => concurrency;

    /// <summary>Runs <paramref name="calls"/> calls without recording them.</summary>
    public Task WarmUpAsync(int calls, Call call, CancellationToken cancellationToken) =>
        RunPhaseAsync(0, calls, new long[calls], call, cancellationToken);

    /// <summary>
    /// Warms up both calls, then measures <paramref name="call"/> and the <paramref name="ceiling"/>
    /// call alternately in <paramref name="rounds"/> (see <see cref="Rounds"/>), each round a share of <paramref name="count"/>.
    /// </summary>
    public async Task<(LatencyStats Measured, LatencyStats Ceiling)> AgainstCeilingAsync(
        int warmup, int count, int rounds, Call ceiling, Call call, CancellationToken cancellationToken)
    {
        await WarmUpAsync(warmup, ceiling, cancellationToken);
        await WarmUpAsync(warmup, call, cancellationToken);
        return await Rounds.InterleaveAsync(
            rounds,
            round => MeasureAsync(0, Rounds.Slice(count, rounds, round).Count, ceiling, cancellationToken),
            round => MeasureAsync(0, Rounds.Slice(count, rounds, round).Count, call, cancellationToken));
    }

    /// <summary>Runs calls number <paramref name="firstCall"/> onwards and records each one's latency.</summary>
    public async Task<LoadSample> MeasureAsync(int firstCall, int calls, Call call, CancellationToken cancellationToken)
    {
        var latencies = new long[calls];
        var started = Stopwatch.GetTimestamp();
        var (items, errors) = await RunPhaseAsync(firstCall, calls, latencies, call, cancellationToken);
        return new LoadSample(latencies, items, errors, Stopwatch.GetElapsedTime(started));
    }

    private async Task<(long Items, long Errors)> RunPhaseAsync(int firstCall, int calls, long[] latencies, Call call, CancellationToken cancellationToken)
    {
        var next = -1;
        long items = 0;
        long errors = 0;

        async Task WorkerAsync()
        {
            // Yield first so every worker starts on the thread pool, not inline on the caller.
            await Task.Yield();
            int number;
            while ((number = Interlocked.Increment(ref next)) < calls)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var outcome = await call(firstCall + number, cancellationToken);
                    Interlocked.Add(ref items, outcome.Items);
                    Interlocked.Add(ref errors, outcome.Failed);
                    if (outcome.Error is not null)
                    {
                        FirstError ??= outcome.Error;
                    }
                }
                catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                    FirstError ??= ex;
                }

                latencies[number] = Stopwatch.GetTimestamp() - started;
            }
        }

        var workers = Enumerable.Range(0, Math.Min(concurrency, Math.Max(calls, 1))).Select(_ => WorkerAsync());
        await Task.WhenAll(workers);
        return (items, errors);
    }
}

/// <summary>What one call achieved: items that succeeded, items that failed, and why (first failure).</summary>
internal readonly record struct CallOutcome(long Items, long Failed = 0, RpcException? Error = null)
{
    public static readonly CallOutcome One = new(1);
}

/// <summary>One measured phase: every call's latency (<see cref="Stopwatch"/> ticks), items carried, failures, wall time.</summary>
internal sealed record LoadSample(long[] Latencies, long Items, long Errors, TimeSpan Elapsed);
