using System.CommandLine;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary><c>--count</c>, <c>--concurrency</c> and <c>--warmup</c>, with per-scenario defaults.</summary>
internal sealed class LoadOptions(int count, int concurrency, int warmup, string warmupUnit)
{
    private readonly Option<int> _count = BenchCommands.Positive("--count", "Measured operations", count);
    private readonly Option<int> _concurrency = BenchCommands.Positive("--concurrency", "Concurrent workers", concurrency);
    private readonly Option<int> _warmup = NonNegative("--warmup", $"Unmeasured {warmupUnit} first", warmup);
    private readonly Option<int> _rounds = BenchCommands.Positive("--rounds", "Rounds alternating the ceiling and the load, so both see the same machine", 3);

    public void AddTo(Command command)
    {
        command.Options.Add(_count);
        command.Options.Add(_concurrency);
        command.Options.Add(_warmup);
        command.Options.Add(_rounds);
    }

    public int Count(ParseResult parseResult) => parseResult.GetValue(_count);

    public int Concurrency(ParseResult parseResult) => parseResult.GetValue(_concurrency);

    public int Warmup(ParseResult parseResult) => parseResult.GetValue(_warmup);

    public int Rounds(ParseResult parseResult) => parseResult.GetValue(_rounds);

    private static Option<int> NonNegative(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = $"{description} (default {defaultValue})", HelpName = "N", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError($"{name} must not be negative.");
            }
        });
        return option;
    }
}
