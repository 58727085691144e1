namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>The ceiling a scenario is compared with, measured in the same run on the same machine.</summary>
/// <param name="Name">What was measured, e.g. "validation only", "gRPC echo".</param>
/// <param name="PerSecond">Ceiling throughput, or <see langword="null"/> when the ceiling is a latency.</param>
/// <param name="LatencyMs">Ceiling latency (p50), for latency scenarios.</param>
internal sealed record BenchCeiling(string Name, double? PerSecond, LatencyStats? Stats = null, double? LatencyMs = null);

/// <summary>One scenario's result: measured load, its ceiling and their ratio (1.0 = as fast as the ceiling).</summary>
internal sealed record BenchResult(
    string Scenario,
    int Concurrency,
    string LatencyUnit,
    LatencyStats Measured,
    BenchCeiling Ceiling,
    IReadOnlyDictionary<string, string> Details)
{
    /// <summary>Throughput over ceiling throughput, or ceiling latency over measured p50 for latency ceilings.</summary>
    public double? Ratio => Ceiling switch
    {
        { PerSecond: > 0 and var perSecond } => Measured.Throughput / perSecond,
        { LatencyMs: { } latency } when Measured.P50Ms > 0 => latency / Measured.P50Ms,
        _ => null,
    };
}
