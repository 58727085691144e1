using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary><c>cpds passport history ID</c>: every version, oldest first, withdrawn ones included.</summary>
internal static class HistoryCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = new Argument<string>("ID") { Description = "Passport id" };

        var command = new Command("history", "List every version of a passport") { id };
        var accessToken = AccessTokenOptions.AddTo(command);
        runner.Bind(command, async (parseResult, context) =>
        {
            var request = new HistoryRequest { PassportId = parseResult.GetRequiredValue(id) };
            var response = await context.Passports.HistoryAsync(request, context.CallOptions(accessToken.Read(parseResult)));

            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
            }
            else
            {
                context.Console.Write(PassportFormatter.HistoryTable(response.Versions));
                if (response.Events.Count > 0)
                {
                    context.Console.Write(PassportFormatter.EventTable(response.Events));
                }
                context.Out.WriteLine($"{response.Versions.Count} version(s), {response.Events.Count} event(s)");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
