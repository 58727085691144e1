namespace CircularPartners.DataSpace.Cli;

/// <summary>The `cpds` entry point; named so it does not clash with the connector's Program in tests.</summary>
internal static class CpdsProgram
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, Console.Out, Console.Error);
}
