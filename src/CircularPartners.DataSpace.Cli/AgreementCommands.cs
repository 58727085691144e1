using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds agreements [terminate ID]</c> and <c>cpds token ID</c>. <c>token</c> prints only the
/// JWT, so <c>TOKEN=$(cpds token A)</c> works; <c>--json</c> adds its expiry and provider.
/// </summary>
internal static class AgreementCommands
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("agreements", "List the agreements you take part in, as consumer or provider")
        {
            Terminate(runner),
        };
        runner.Bind(command, async (_, context) =>
        {
            var response = await SharingCommands.Client(context).ListAgreementsAsync(new ListAgreementsRequest(), context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
                return ExitCodes.Success;
            }

            context.Console.Write(SharingFormatter.AgreementTable(response.Agreements));
            context.Out.WriteLine($"{response.Agreements.Count} agreement(s)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Terminate(CommandRunner runner)
    {
        var id = new Argument<string>("AGREEMENT") { Description = "Agreement id" };
        var reason = new Option<string?>("--reason") { Description = "Why (the other side reads it)", HelpName = "TEXT" };
        var command = new Command("terminate", "End an agreement (either side); its data-access tokens stop working at the next call") { id, reason };
        runner.Bind(command, async (parseResult, context) =>
        {
            var agreement = await SharingCommands.Client(context).TerminateAgreementAsync(new TerminateAgreementRequest
            {
                AgreementId = parseResult.GetRequiredValue(id),
                Reason = parseResult.GetValue(reason) ?? "",
            }, context.CallOptions());
            context.Out.WriteLine(context.Json
                ? PassportFormatter.ToJson(agreement)
                : $"terminated {agreement.AgreementId} (provider {agreement.Provider}, consumer {agreement.Consumer})");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Token(CommandRunner runner)
    {
        var id = new Argument<string>("AGREEMENT") { Description = "Agreement id, as a consumer" };
        var singleUse = new Option<bool>("--single-use") { Description = "A token the provider accepts for one call only (a replay is refused)" };
        var command = new Command("token", "Get a fresh data-access token for an agreement from its provider; prints the JWT") { id, singleUse };
        runner.Bind(command, async (parseResult, context) =>
        {
            var token = await SharingCommands.Client(context).RequestTransferAsync(
                new TransferRequest { AgreementId = parseResult.GetRequiredValue(id), SingleUse = parseResult.GetValue(singleUse) }, context.CallOptions());
            context.Out.WriteLine(context.Json ? PassportFormatter.ToJson(token) : token.Token);
            if (!context.Json)
            {
                // On stderr so `$(cpds token A)` captures the JWT alone.
                context.Error.WriteLine($"expires {PassportFormatter.Time(token.ExpiresAt)}; read with --connector {token.ProviderAddress} --access-token-file FILE");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
