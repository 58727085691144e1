using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary><c>cpds passport get ID [--version N]</c>: one passport version, envelope and body.</summary>
internal static class GetCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = new Argument<string>("ID") { Description = "Passport id" };
        var version = new Option<long>("--version")
        {
            Description = "Version to read; latest when omitted",
            HelpName = "N",
        };
        version.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 0)
            {
                result.AddError("--version must not be negative.");
            }
        });

        var saveReceipt = ReceiptCommands.SaveOption();
        var command = new Command("get", "Show a passport: envelope and pretty-printed body") { id, version, saveReceipt };
        var accessToken = AccessTokenOptions.AddTo(command);
        runner.Bind(command, async (parseResult, context) =>
        {
            var request = new GetPassportRequest
            {
                PassportId = parseResult.GetRequiredValue(id),
                Version = parseResult.GetValue(version),
            };
            var passport = await context.Passports.GetAsync(request, context.CallOptions(accessToken.Read(parseResult)));
            if (parseResult.GetValue(saveReceipt) is { } receiptPath)
            {
                ReceiptCommands.Save(context, passport, receiptPath);
            }

            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(passport));
            }
            else
            {
                PassportFormatter.WriteEnvelope(context.Out, passport);
                PassportFormatter.WriteBody(context.Out, passport.Json);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
