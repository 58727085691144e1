using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds registry report</c>: the connector counts its own passports and lifecycle events per
/// category × stage and reports them to the use-case registry now (it also does so on a schedule).
/// Prints what was sent: counts only, never passport ids.
/// </summary>
internal static class RegistryReportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("report", "Have the connector count its passports and lifecycle events per category × stage and report them to the registry");
        runner.Bind(command, async (_, context) =>
        {
            var response = await RegistryCommands.Client(context).MeasureCoverageAsync(new MeasureCoverageRequest(), context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
                return ExitCodes.Success;
            }
            foreach (var count in response.Counts)
            {
                context.Out.WriteLine($"{count.Category}\t{RegistryCommands.StageName(count.Stage)}\t{count.Passports} passports\t{count.LifecycleEvents} events");
            }
            context.Out.WriteLine($"reported {response.Report.Cells} cells for {response.Report.ParticipantId} to {response.Registry}");
            return ExitCodes.Success;
        });
        return command;
    }
}
