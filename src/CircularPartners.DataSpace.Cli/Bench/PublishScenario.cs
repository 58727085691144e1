using System.Globalization;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>
/// <c>bench publish</c>: generated passports in PublishStream calls of <c>batch</c> records, from
/// <c>concurrency</c> streams at once. Throughput counts durable passports; latency is per stream
/// (a stream answers once all its records are durable). Ceiling: validating the same documents
/// in this process on every core.
/// </summary>
internal static class PublishScenario
{
    public sealed record Settings(int Count, int Concurrency, int Batch, int Warmup, string UseCase, string SchemaDirectory);

    public static async Task<(BenchResult Result, LoadRunner Runner)> RunAsync(Settings settings, BenchCalls calls, CancellationToken cancellationToken)
    {
        var generator = PassportGenerator.Load(settings.SchemaDirectory);
        var documents = generator.Generate(settings.UseCase, settings.Count);
        var warmupDocuments = generator.Generate(settings.UseCase, settings.Warmup);

        var ceiling = ValidationCeiling.Measure(settings.SchemaDirectory, documents, cancellationToken);
        if (ceiling.Invalid > 0)
        {
            // A generator bug, not a connector one: say so before the connector says it record by record.
            throw new CliUsageException($"{ceiling.Invalid} generated document(s) are invalid, e.g. {ceiling.FirstProblem}");
        }

        var runner = new LoadRunner(settings.Concurrency);
        if (warmupDocuments.Count > 0)
        {
            await runner.WarmUpAsync(Batches(warmupDocuments.Count, settings.Batch), StreamOf(warmupDocuments, settings.Batch, calls), cancellationToken);
        }

        var measured = await runner.RunAsync(Batches(documents.Count, settings.Batch), StreamOf(documents, settings.Batch, calls), cancellationToken);
        var result = new BenchResult(
            "publish",
            settings.Concurrency,
            $"stream of up to {settings.Batch} records",
            measured,
            new BenchCeiling("validation only", ceiling.PerSecond),
            new Dictionary<string, string>
            {
                ["useCase"] = settings.UseCase,
                ["documents"] = settings.Count.ToString(CultureInfo.InvariantCulture),
                ["averageBytes"] = (documents.Count == 0 ? 0 : documents.Sum(d => (long)d.Json.Length) / documents.Count).ToString(CultureInfo.InvariantCulture),
                ["warmupDocuments"] = warmupDocuments.Count.ToString(CultureInfo.InvariantCulture),
                ["ceilingThreads"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            });
        return (result, runner);
    }

    private static int Batches(int documents, int batch) => (documents + batch - 1) / batch;

    private static LoadRunner.Call StreamOf(IReadOnlyList<GeneratedPassport> documents, int batch, BenchCalls calls) =>
        async (number, cancellationToken) =>
        {
            var from = number * batch;
            var to = Math.Min(documents.Count, from + batch);
            using var call = calls.Passports.PublishStream(calls.Options());
            for (var i = from; i < to; i++)
            {
                var document = documents[i];
                try
                {
                    await call.RequestStream.WriteAsync(new PublishRequest
                    {
                        PassportId = document.PassportId,
                        SchemaId = document.SchemaId,
                        // Documents are never modified after generation, so no copy per record.
                        JsonBytes = UnsafeByteOperations.UnsafeWrap(document.Json),
                    }, cancellationToken);
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException)
                {
                    // The call already ended (e.g. refused credential): surface its status instead.
                    await call.ResponseAsync;
                    throw;
                }
            }

            await call.RequestStream.CompleteAsync();
            var response = await call.ResponseAsync;
            var failed = response.Results.FirstOrDefault(r => r.OutcomeCase != PublishResult.OutcomeOneofCase.Passport);
            var error = failed?.Error is { } status
                ? new RpcException(new Status((StatusCode)status.Code, $"record {failed.Index} ({failed.PassportId}): {status.Message}"))
                : null;
            return new CallOutcome(response.Published, response.Failed, error);
        };
}
