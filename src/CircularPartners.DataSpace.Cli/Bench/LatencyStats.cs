using System.Diagnostics;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>
/// The outcome of one measured load: throughput in items per second and call latency percentiles.
/// An item is what the scenario counts (a passport for publish, a call otherwise).
/// </summary>
/// <param name="Calls">Calls measured (warm-up excluded).</param>
/// <param name="Items">Items those calls carried, successful ones only.</param>
/// <param name="Errors">Calls (or, for publish, records) that failed.</param>
/// <param name="Elapsed">Wall time of the measured phase.</param>
internal sealed record LatencyStats(int Calls, long Items, long Errors, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs)
{
    public double Throughput => Elapsed > TimeSpan.Zero ? Items / Elapsed.TotalSeconds : 0;

    /// <summary>Several phases (e.g. interleaved rounds) as one: all latencies, total items over total time.</summary>
    public static LatencyStats From(IReadOnlyCollection<LoadSample> samples) =>
        From(
            [.. samples.SelectMany(s => s.Latencies)],
            samples.Sum(s => s.Items),
            samples.Sum(s => s.Errors),
            TimeSpan.FromTicks(samples.Sum(s => s.Elapsed.Ticks)));

    /// <summary>Nearest-rank percentiles of <paramref name="latencyTicks"/> (<see cref="Stopwatch"/> ticks).</summary>
    public static LatencyStats From(long[] latencyTicks, long items, long errors, TimeSpan elapsed)
    {
        var sorted = (long[])latencyTicks.Clone();
        Array.Sort(sorted);
        return new LatencyStats(
            sorted.Length,
            items,
            errors,
            elapsed,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : ToMilliseconds(sorted[^1]));
    }

    public static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Percentile(long[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return ToMilliseconds(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }
}
