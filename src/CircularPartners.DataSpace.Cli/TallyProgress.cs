using Spectre.Console;

namespace CircularPartners.DataSpace.Cli;

/// <summary>The progress bar of a publish or import run on an interactive terminal; nothing otherwise.</summary>
internal static class TallyProgress
{
    /// <summary>Runs <paramref name="run"/>, which calls its argument after each answer it adds to <paramref name="tally"/>.</summary>
    public static Task<Exception?> RunAsync(PublishTally tally, string label, CommandContext context, Func<Action, Task<Exception?>> run)
    {
        if (!context.ShowProgress)
        {
            return run(() => { });
        }
        return context.Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(label, maxValue: tally.Files.Count);
                return await run(() => task.Value = tally.Answered);
            });
    }
}
