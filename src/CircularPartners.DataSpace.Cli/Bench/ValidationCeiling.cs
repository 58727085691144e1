using System.Diagnostics;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>
/// The ceiling of a bulk publish: the connector's own validator (decode, canonicalise, schema)
/// run in this process on the same documents on every core, with no transport and no storage.
/// </summary>
internal static class ValidationCeiling
{
    private const int WarmupDocuments = 200;

    /// <summary>Throughput in documents per second, and how many documents the validator refused.</summary>
    public static (double PerSecond, int Invalid, string? FirstProblem) Measure(
        string schemaDirectory, IReadOnlyList<GeneratedPassport> documents, CancellationToken cancellationToken)
    {
        var validator = new PassportValidator(SchemaRegistry.Load(schemaDirectory), new PassportOptions { SchemaDirectory = schemaDirectory });
        foreach (var document in documents.Take(WarmupDocuments))
        {
            TryValidate(validator, document, out _);
        }

        var invalid = 0;
        string? firstProblem = null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, documents.Count, parallel, i =>
        {
            if (!TryValidate(validator, documents[i], out var problem))
            {
                Interlocked.Increment(ref invalid);
                Interlocked.CompareExchange(ref firstProblem, problem, null);
            }
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (elapsed > TimeSpan.Zero ? documents.Count / elapsed.TotalSeconds : 0, invalid, firstProblem);
    }

    private static bool TryValidate(PassportValidator validator, GeneratedPassport document, out string? problem)
    {
        try
        {
            validator.Validate(document.SchemaId, PassportBody.FromBytes(document.Json));
            problem = null;
            return true;
        }
        catch (PassportValidationException ex)
        {
            problem = $"{document.PassportId}: {ex.Message} {string.Join("; ", ex.Violations.Take(3).Select(v => $"{v.Pointer} {v.Message}"))}";
            return false;
        }
    }
}
