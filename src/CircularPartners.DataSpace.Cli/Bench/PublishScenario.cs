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
    public sealed record Settings(int Count, int Concurrency, int Batch, int Warmup, int Rounds, string UseCase, string SchemaDirectory);

    public static async Task<(BenchResult Result, LoadRunner Runner)> RunAsync(Settings settings, BenchCalls calls, CancellationToken cancellationToken)
    {
        var generator = PassportGenerator.Load(settings.SchemaDirectory);
        var documents = generator.Generate(settings.UseCase, settings.Count);
        var warmupDocuments = generator.Generate(settings.UseCase, settings.Warmup);

        var ceiling = new ValidationCeiling(settings.SchemaDirectory);
        ceiling.WarmUp(warmupDocuments.Count > 0 ? warmupDocuments : documents.Take(100));
        var runner = new LoadRunner(settings.Concurrency);
        if (warmupDocuments.Count > 0)
        {
            await runner.WarmUpAsync(Batches(warmupDocuments.Count, settings.Batch), StreamOf(warmupDocuments, 0, warmupDocuments.Count, settings.Batch, calls), cancellationToken);
        }

        // Each round validates, then publishes, its own slice of the documents.
        var (measured, validation) = await Rounds.InterleaveAsync(
            settings.Rounds,
            round =>
            {
                var (first, count) = Rounds.Slice(documents.Count, settings.Rounds, round);
                return Task.FromResult(ceiling.Measure(documents, first, count, cancellationToken));
            },
            round =>
            {
                var (first, count) = Rounds.Slice(documents.Count, settings.Rounds, round);
                return runner.MeasureAsync(0, Batches(count, settings.Batch), StreamOf(documents, first, count, settings.Batch, calls), cancellationToken);
            });
        var result = new BenchResult(
            "publish",
            settings.Concurrency,
            $"stream of up to {settings.Batch} records",
            measured,
            new BenchCeiling("validation only", validation.Throughput),
            new Dictionary<string, string>
            {
                ["useCase"] = settings.UseCase,
                ["documents"] = settings.Count.ToString(CultureInfo.InvariantCulture),
                ["averageBytes"] = (documents.Count == 0 ? 0 : documents.Sum(d => (long)d.Json.Length) / documents.Count).ToString(CultureInfo.InvariantCulture),
                ["warmupDocuments"] = warmupDocuments.Count.ToString(CultureInfo.InvariantCulture),
                ["rounds"] = settings.Rounds.ToString(CultureInfo.InvariantCulture),
                ["ceilingThreads"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            });
        return (result, runner);
    }

    private static int Batches(int documents, int batch) => (documents + batch - 1) / batch;

    /// <summary>Call n publishes documents [offset + n * batch, ...) up to offset + count.</summary>
    private static LoadRunner.Call StreamOf(IReadOnlyList<GeneratedPassport> documents, int offset, int count, int batch, BenchCalls calls) =>
        async (number, cancellationToken) =>
        {
            var from = offset + number * batch;
            var to = Math.Min(offset + count, from + batch);
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
