using BenchmarkDotNet.Running;
using CircularPartners.DataSpace.Benchmarks;

// `index-scale [N]` measures index memory, rebuild and query latency at N passports (default
// 1,000,000); anything else is handed to BenchmarkDotNet (e.g. `--filter *`).
if (args is ["index-scale", ..])
{
    IndexScale.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(IndexScale).Assembly).Run(args);
