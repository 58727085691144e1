using BenchmarkDotNet.Attributes;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Benchmarks;

/// <summary>The validation-only ceiling that durable publish throughput is compared with.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class ValidationBenchmarks
{
    private readonly PassportValidator _validator = new(SchemaRegistry.Load(Samples.SchemaDirectory), new PassportOptions());
    private PassportBody _body = PassportBody.FromText("{}");
    private string _schemaId = "";

    [Params("cmp", "textile", "construction", "office-equipment", "battery", "cmp-300-substances")]
    public string Document { get; set; } = "cmp";

    [GlobalSetup]
    public void Setup()
    {
        _schemaId = Document == "cmp-300-substances" ? "cmp/1.0" : Document + "/1.0";
        _body = PassportBody.FromText(Document == "cmp-300-substances" ? Samples.LargeCmp(300) : Samples.Example(Document));
    }

    [Benchmark]
    public ValidatedPassport Validate() => _validator.Validate(_schemaId, _body);
}
