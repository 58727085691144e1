using BenchmarkDotNet.Running;
using CircularPartners.DataSpace.Benchmarks;

// `index-scale [N]` measures index memory, rebuild and query latency at N passports (default
// 1,000,000); anything else is handed to BenchmarkDotNet (e.g. `--filter *`).
if (args is ["index-scale", ..])
{
    IndexScale.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}
// `azure-throughput [N] [concurrency]`: bulk publish to Azurite vs raw SDK uploads, and replica freshness lag.
if (args is ["azure-throughput", ..])
{
    await AzureThroughput.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 32);
    return;
}
// `replica-lag [rate] [seconds] [concurrency] [idle-seconds]`: replica lag p50/p99 under a sustained
// publish rate through replica A, seen on B (rate 0: as fast as possible), and B's idle storage requests/s.
if (args is ["replica-lag", ..])
{
    double Arg(int i, double fallback) => args.Length > i ? double.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    await ReplicaLag.RunAsync(Arg(1, 137), (int)Arg(2, 30), (int)Arg(3, 32), (int)Arg(4, 10));
    return;
}
// `dev-credential DATA_DIR PARTICIPANT [ROLE...]`: a credential from a development connector's issuer (load tests).
if (args is ["dev-credential", var dataDirectory, var participant, .. var roles])
{
    DevCredential.Run(dataDirectory, participant, roles);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(IndexScale).Assembly).Run(args);
