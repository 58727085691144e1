using System.Diagnostics;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>
/// The ceiling of a bulk publish: the connector's own validator (decode, canonicalise, schema)
/// run in this process on the same documents on every core, with no transport and no storage.
/// </summary>
internal sealed class ValidationCeiling(string schemaDirectory)
{
    private readonly PassportValidator _validator =
        new(SchemaRegistry.Load(schemaDirectory), new PassportOptions { SchemaDirectory = schemaDirectory });

    public void WarmUp(IEnumerable<GeneratedPassport> documents)
    {
        foreach (var document in documents)
        {
            Validate(document);
        }
    }

    /// <summary>Validates documents [first, first + count) on every core; an invalid one is a generator bug.</summary>
    public LoadSample Measure(IReadOnlyList<GeneratedPassport> documents, int first, int count, CancellationToken cancellationToken)
    {
        string? problem = null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        var started = Stopwatch.GetTimestamp();
        Parallel.For(first, first + count, parallel, i =>
        {
            if (Validate(documents[i]) is { } found)
            {
                Interlocked.CompareExchange(ref problem, found, null);
            }
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        return problem is null
            ? new LoadSample([], count, 0, elapsed)
            : throw new CliUsageException($"a generated document is invalid: {problem}");
    }

    private string? Validate(GeneratedPassport document)
    {
        try
        {
            _validator.Validate(document.SchemaId, PassportBody.FromBytes(document.Json));
            return null;
        }
        catch (PassportValidationException ex)
        {
            return $"{document.PassportId}: {ex.Message} {string.Join("; ", ex.Violations.Take(3).Select(v => $"{v.Pointer} {v.Message}"))}";
        }
    }
}
