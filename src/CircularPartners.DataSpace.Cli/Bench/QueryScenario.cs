using System.Globalization;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary><c>bench query</c>: one query (by CAS, material and/or category) repeated; ceiling: the echo.</summary>
internal static class QueryScenario
{
    public sealed record Settings(int Count, int Concurrency, int Warmup, int Rounds, QueryRequest Request, int EchoBytes);

    public static async Task<(BenchResult Result, LoadRunner Runner)> RunAsync(Settings settings, BenchCalls calls, CancellationToken cancellationToken)
    {
        var runner = new LoadRunner(settings.Concurrency);
        var echo = EchoCeiling.Call(calls, settings.EchoBytes);
        var sample = await calls.Passports.QueryAsync(settings.Request, calls.Options());
        async Task<CallOutcome> QueryAsync(int number, CancellationToken token)
        {
            await calls.Passports.QueryAsync(settings.Request, calls.Options());
            return CallOutcome.One;
        }

        var (measured, ceiling) = await runner.AgainstCeilingAsync(settings.Warmup, settings.Count, settings.Rounds, echo, QueryAsync, cancellationToken);
        var filter = string.Join(" ", [
            .. settings.Request.Cas.Select(c => "cas=" + c),
            .. settings.Request.Material.Select(m => "material=" + m),
            .. settings.Request.Category.Length > 0 ? ["category=" + settings.Request.Category] : Array.Empty<string>(),
        ]);
        var result = new BenchResult("query", settings.Concurrency, "call", measured, new BenchCeiling("gRPC echo", ceiling.Throughput, ceiling),
            new Dictionary<string, string>
            {
                ["filter"] = filter,
                ["pageSize"] = settings.Request.PageSize.ToString(CultureInfo.InvariantCulture),
                ["matchesOnFirstPage"] = sample.Passports.Count.ToString(CultureInfo.InvariantCulture),
                ["morePages"] = sample.NextPageToken.Length > 0 ? "yes" : "no",
                ["rounds"] = settings.Rounds.ToString(CultureInfo.InvariantCulture),
            });
        return (result, runner);
    }
}
