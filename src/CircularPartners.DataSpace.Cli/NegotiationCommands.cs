using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds negotiate PROVIDER OFFER --purpose P</c> and <c>cpds negotiations</c>. Negotiation is
/// run by one's own connector (<c>--connector</c>), which talks to the provider's.
/// </summary>
internal static class NegotiationCommands
{
    public static Command Negotiate(CommandRunner runner)
    {
        var provider = new Argument<string>("PROVIDER")
        {
            Description = "The provider's connector address (http://maker.example:5080) or its participant id, looked up in the membership registry",
        };
        var offer = new Argument<string>("OFFER") { Description = "Offer id from the provider's catalog" };
        var purpose = SharingCommands.OneOf(
            new Option<string>("--purpose")
            {
                Description = $"What the data is for ({string.Join(", ", SharingCommands.Purposes)}); the offer must allow it",
                HelpName = "PURPOSE",
                Required = true,
            },
            "purpose",
            SharingCommands.Purposes);
        provider.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value.Contains("://", StringComparison.Ordinal) && !IsConnectorAddress(value))
            {
                result.AddError($"invalid PROVIDER '{value}': expected the provider's connector address, http://host:port or https://host:port, or its participant id.");
            }
        });

        var command = new Command("negotiate", "Negotiate an offer with its provider, through your own connector, up to an agreement") { provider, offer, purpose };
        runner.Bind(command, async (parseResult, context) =>
        {
            var target = parseResult.GetRequiredValue(provider);
            var byAddress = IsConnectorAddress(target);
            var negotiation = await SharingCommands.Client(context).NegotiateAsync(new NegotiateRequest
            {
                ProviderAddress = byAddress ? target : "",
                Provider = byAddress ? "" : target,
                OfferId = parseResult.GetRequiredValue(offer),
                Purpose = parseResult.GetRequiredValue(purpose),
            }, context.CallOptions());

            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(negotiation));
            }
            else
            {
                SharingFormatter.WriteNegotiation(context.Out, negotiation);
            }

            if (negotiation.State == NegotiationState.Terminated)
            {
                // The provider's policy said no: a permission outcome for scripts, with the rule on stderr.
                ErrorReporting.WriteError(context.Error, $"negotiation {negotiation.NegotiationId} was terminated: {negotiation.Reason}");
                return ExitCodes.Auth;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command List(CommandRunner runner)
    {
        var command = new Command("negotiations", "List the negotiations you take part in, as consumer or provider");
        runner.Bind(command, async (_, context) =>
        {
            var response = await SharingCommands.Client(context).ListNegotiationsAsync(new ListNegotiationsRequest(), context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
                return ExitCodes.Success;
            }

            context.Console.Write(SharingFormatter.NegotiationTable(response.Negotiations));
            context.Out.WriteLine($"{response.Negotiations.Count} negotiation(s)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static bool IsConnectorAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
