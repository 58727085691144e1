namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>Prints a result and decides the exit code: failed calls make the run fail, with the first reason.</summary>
internal static class BenchExit
{
    public static int Report(BenchResult result, LoadRunner runner, CommandContext context)
    {
        if (result.Measured.Errors > 0 && result.Measured.Items == 0 && runner.FirstError is { } every)
        {
            // Nothing succeeded: the connector's reason is the result, reported like any other command's.
            throw every;
        }

        BenchReport.Write(result, context);
        if (result.Measured.Errors == 0)
        {
            return ExitCodes.Success;
        }

        var first = runner.FirstError;
        ErrorReporting.WriteError(context.Error, $"{result.Measured.Errors} failed; first: {first?.Status.StatusCode}: {first?.Status.Detail}");
        return first is null ? ExitCodes.Other : ExitCodes.FromStatusCode(first.StatusCode);
    }
}
