using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary><c>cpds passport withdraw ID --reason TEXT</c>: appends a withdrawn version.</summary>
internal static class WithdrawCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = new Argument<string>("ID") { Description = "Passport id" };
        var reason = new Option<string>("--reason")
        {
            Description = "Why the passport is withdrawn (kept in its history)",
            HelpName = "TEXT",
            Required = true,
        };
        var expectedVersion = new Option<long?>("--expected-version")
        {
            Description = "Fail unless this is the current version (optimistic concurrency)",
            HelpName = "N",
        };

        var command = new Command("withdraw", "Withdraw a passport; its history stays readable")
        {
            id, reason, expectedVersion,
        };
        runner.Bind(command, async (parseResult, context) =>
        {
            var text = parseResult.GetRequiredValue(reason);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CliUsageException("--reason must not be empty.");
            }

            var request = new WithdrawRequest { PassportId = parseResult.GetRequiredValue(id), Reason = text };
            if (parseResult.GetValue(expectedVersion) is { } expected)
            {
                request.ExpectedVersion = expected;
            }

            var passport = await context.Passports.WithdrawAsync(request, context.CallOptions());
            context.Out.WriteLine(context.Json
                ? PassportFormatter.ToJson(passport)
                : $"withdrawn {passport.PassportId} (version {passport.Version})");
            return ExitCodes.Success;
        });
        return command;
    }
}
