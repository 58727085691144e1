namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>
/// Alternates the ceiling and the measured load in rounds, so both see the same machine: on a
/// shared 2-core host other processes come and go, and a ceiling measured once, before or after,
/// would compare two different machines.
/// </summary>
internal static class Rounds
{
    /// <param name="rounds">How many times to alternate.</param>
    /// <param name="ceiling">Round number → the ceiling's sample for that round.</param>
    /// <param name="measured">Round number → the scenario's sample for that round.</param>
    public static async Task<(LatencyStats Measured, LatencyStats Ceiling)> InterleaveAsync(
        int rounds, Func<int, Task<LoadSample>> ceiling, Func<int, Task<LoadSample>> measured)
    {
        var ceilingSamples = new List<LoadSample>(rounds);
        var measuredSamples = new List<LoadSample>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            ceilingSamples.Add(await ceiling(round));
            measuredSamples.Add(await measured(round));
        }

        return (LatencyStats.From(measuredSamples), LatencyStats.From(ceilingSamples));
    }

    /// <summary>The share of <paramref name="total"/> that round <paramref name="round"/> covers: (first, count).</summary>
    public static (int First, int Count) Slice(int total, int rounds, int round)
    {
        var first = (int)((long)total * round / rounds);
        var next = (int)((long)total * (round + 1) / rounds);
        return (first, next - first);
    }
}
