using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds delegation add|list|remove</c>: the operator of a connector names who else may publish
/// passports on it, and for which economic operators (corporate numbers).
/// </summary>
internal static class DelegationCommands
{
    public static Command Create(CommandRunner runner) =>
        new("delegation", "Who besides you (the connector's operator) may publish passports on your connector")
        {
            Add(runner),
            List(runner),
            Remove(runner),
        };

    private static DelegationService.DelegationServiceClient Client(CommandContext context) => new(context.Invoker);

    private static Command Add(CommandRunner runner)
    {
        var participant = new Argument<string>("PARTICIPANT") { Description = "Participant id allowed to publish, e.g. a subsidiary or a DPP service provider" };
        var economicOperators = new Option<string[]>("--for")
        {
            Description = "Economic operator (corporate number) it may publish for; repeat for several",
            HelpName = "ID",
            Required = true,
        };
        var expires = SharingCommands.TimeOption("--expires", "The delegation ends at this time (default: when removed)");
        var command = new Command("add", "Allow a participant to publish on your connector for the given economic operators") { participant, economicOperators, expires };
        runner.Bind(command, async (parseResult, context) =>
        {
            var delegation = await Client(context).AddDelegationAsync(new AddDelegationRequest
            {
                ParticipantId = parseResult.GetRequiredValue(participant),
                EconomicOperators = { parseResult.GetRequiredValue(economicOperators) },
                ExpiresAt = parseResult.GetValue(expires) is { } time ? Timestamp.FromDateTimeOffset(time) : null,
            }, context.CallOptions());
            context.Out.WriteLine(context.Json
                ? PassportFormatter.ToJson(delegation)
                : $"added delegation {delegation.DelegationId}: {delegation.ParticipantId} may publish for {string.Join(", ", delegation.EconomicOperators)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var all = new Option<bool>("--all") { Description = "Also removed and expired delegations" };
        var command = new Command("list", "The delegations of your connector (a delegate sees its own)") { all };
        runner.Bind(command, async (parseResult, context) =>
        {
            var response = await Client(context).ListDelegationsAsync(new ListDelegationsRequest { IncludeInactive = parseResult.GetValue(all) }, context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Delegation", "Participant", "For", "Expires", "State");
            foreach (var d in response.Delegations)
            {
                table.AddRow(new Text(d.DelegationId), new Text(d.ParticipantId), new Text(string.Join("\n", d.EconomicOperators)),
                    new Text(PassportFormatter.Time(d.ExpiresAt)), new Text(d.InForce ? "in force" : d.RemovedAt is not null ? "removed" : "expired"));
            }
            context.Console.Write(table);
            context.Out.WriteLine($"{response.Delegations.Count} delegation(s); operator {response.Operator}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(CommandRunner runner)
    {
        var id = new Argument<string>("DELEGATION") { Description = "Delegation id" };
        var command = new Command("remove", "End a delegation; the participant's next publish is refused") { id };
        runner.Bind(command, async (parseResult, context) =>
        {
            var delegation = await Client(context).RemoveDelegationAsync(new RemoveDelegationRequest { DelegationId = parseResult.GetRequiredValue(id) }, context.CallOptions());
            context.Out.WriteLine(context.Json ? PassportFormatter.ToJson(delegation) : $"removed delegation {delegation.DelegationId} ({delegation.ParticipantId})");
            return ExitCodes.Success;
        });
        return command;
    }
}
