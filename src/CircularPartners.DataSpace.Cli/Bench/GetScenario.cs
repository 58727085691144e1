using System.Globalization;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>
/// <c>bench get</c>: Get by id, round-robin over a set of passports. With a data-access token the
/// connector checks it and filters fields by access class on every call. Ceiling: the echo.
/// Ids come from <c>--id</c>; else, with a token, from a query under that token; else a few
/// generated passports are published first.
/// </summary>
internal static class GetScenario
{
    public sealed record Settings(int Count, int Concurrency, int Warmup, int Rounds, string? AccessToken, IReadOnlyList<string> Ids, int Seed, int EchoBytes, string SchemaDirectory);

    public static async Task<(BenchResult Result, LoadRunner Runner)> RunAsync(Settings settings, BenchCalls calls, CancellationToken cancellationToken)
    {
        var ids = await ResolveIdsAsync(settings, calls, cancellationToken);
        var runner = new LoadRunner(settings.Concurrency);
        var echo = EchoCeiling.Call(calls, settings.EchoBytes);
        var sample = await calls.Passports.GetAsync(new GetPassportRequest { PassportId = ids[0] }, calls.Options());
        async Task<CallOutcome> GetAsync(int number, CancellationToken token)
        {
            await calls.Passports.GetAsync(new GetPassportRequest { PassportId = ids[number % ids.Count] }, calls.Options());
            return CallOutcome.One;
        }

        var (measured, ceiling) = await runner.AgainstCeilingAsync(settings.Warmup, settings.Count, settings.Rounds, echo, GetAsync, cancellationToken);
        var result = new BenchResult("get", settings.Concurrency, "call", measured, new BenchCeiling("gRPC echo", ceiling.Throughput, ceiling),
            new Dictionary<string, string>
            {
                ["passports"] = ids.Count.ToString(CultureInfo.InvariantCulture),
                ["dataAccessToken"] = string.IsNullOrEmpty(settings.AccessToken) ? "no" : "yes",
                ["responseBytes"] = sample.CalculateSize().ToString(CultureInfo.InvariantCulture),
                ["echoPayloadBytes"] = settings.EchoBytes.ToString(CultureInfo.InvariantCulture),
                ["rounds"] = settings.Rounds.ToString(CultureInfo.InvariantCulture),
            });
        return (result, runner);
    }

    private static async Task<IReadOnlyList<string>> ResolveIdsAsync(Settings settings, BenchCalls calls, CancellationToken cancellationToken)
    {
        if (settings.Ids.Count > 0)
        {
            return settings.Ids;
        }

        if (!string.IsNullOrEmpty(settings.AccessToken))
        {
            var page = await calls.Passports.QueryAsync(new QueryRequest { PageSize = 500 }, calls.Options());
            return page.Passports.Count > 0
                ? [.. page.Passports.Select(p => p.PassportId)]
                : throw new CliUsageException("the data-access token grants no passports to read; pass --id.");
        }

        var documents = PassportGenerator.Load(settings.SchemaDirectory).Generate(PassportGenerator.Mixed, settings.Seed);
        using var call = calls.Passports.PublishStream(calls.Options());
        foreach (var document in documents)
        {
            await call.RequestStream.WriteAsync(new PublishRequest
            {
                PassportId = document.PassportId,
                SchemaId = document.SchemaId,
                JsonBytes = UnsafeByteOperations.UnsafeWrap(document.Json),
            }, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        return response.Published > 0
            ? [.. response.Results.Where(r => r.Passport is not null).Select(r => r.PassportId)]
            : throw new CliUsageException("seeding passports for the Get benchmark failed; pass --id.");
    }
}
