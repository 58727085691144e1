using System.CommandLine;
using System.Globalization;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds registry report --count CATEGORY:STAGE:PASSPORTS[:EVENTS]...</c>: reports this
/// participant's measured counts; the report replaces its previous one.
/// </summary>
internal static class RegistryReportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var counts = new Option<string[]>("--count")
        {
            Description = "One cell: category:stage:passports[:events], e.g. textiles/apparel:collection:120:40; repeat",
            HelpName = "CELL",
            Required = true,
        };
        var command = new Command("report", "Report how many passports and lifecycle events this connector holds per category × stage") { counts };
        runner.Bind(command, async (parseResult, context) =>
        {
            var request = new ReportCoverageRequest { Counts = { parseResult.GetRequiredValue(counts).Select(Parse) } };
            var response = await RegistryCommands.Client(context).ReportCoverageAsync(request, context.CallOptions());
            context.Out.WriteLine(context.Json ? PassportFormatter.ToJson(response) : $"reported {response.Cells} cells for {response.ParticipantId}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static CoverageCount Parse(string value)
    {
        var parts = value.Split(':');
        if (parts.Length is < 3 or > 4
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var passports)
            || (parts.Length == 4 && !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new CliUsageException($"invalid --count '{value}': expected category:stage:passports[:events].");
        }
        return new CoverageCount
        {
            Category = parts[0],
            Stage = RegistryCommands.ParseStage(parts[1]),
            Passports = passports,
            LifecycleEvents = parts.Length == 4 ? long.Parse(parts[3], CultureInfo.InvariantCulture) : 0,
        };
    }
}
