using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;
using Spectre.Console;

namespace CircularPartners.DataSpace.Cli;

/// <summary><c>cpds registry proposals</c> and <c>cpds registry changes</c>: what is proposed, and what changed, in the registry.</summary>
internal static class RegistryListCommands
{
    public static Command Proposals(CommandRunner runner)
    {
        var status = new Option<string?>("--status") { Description = "pending, accepted or declined; default: all" };
        SharingCommands.OneOf(status, "status", ["pending", "accepted", "declined"]);
        var command = new Command("proposals", "List the use-case proposals") { status };
        runner.Bind(command, async (parseResult, context) =>
        {
            var request = new ListProposalsRequest
            {
                Status = parseResult.GetValue(status) switch
                {
                    "pending" => ProposalStatus.Pending,
                    "accepted" => ProposalStatus.Accepted,
                    "declined" => ProposalStatus.Declined,
                    _ => ProposalStatus.Unspecified,
                },
            };
            var response = await RegistryCommands.Client(context).ListProposalsAsync(request, context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("id", "theme", "domain", "proposer", "status");
            foreach (var p in response.Proposals)
            {
                table.AddRow(Markup.Escape(p.Id), Markup.Escape(p.Theme), Markup.Escape(p.Domain), Markup.Escape(p.Proposer),
                    p.Status.ToString().ToLowerInvariant());
            }
            context.Console.Write(table);
            context.Out.WriteLine($"{response.Proposals.Count} proposal(s)");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Changes(CommandRunner runner)
    {
        var subject = new Option<string?>("--subject") { Description = "Only changes to this use case, category or proposal id" };
        var limit = new Option<int?>("--limit") { Description = "At most this many (default 100, at most 1000)" };
        var command = new Command("changes", "List the registry's changes, newest last: who changed what, when") { subject, limit };
        runner.Bind(command, async (parseResult, context) =>
        {
            var response = await RegistryCommands.Client(context).ListChangesAsync(
                new ListChangesRequest { Subject = parseResult.GetValue(subject) ?? "", Limit = parseResult.GetValue(limit) ?? 0 }, context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("seq", "at", "actor", "action", "subject", "summary");
            foreach (var c in response.Changes)
            {
                table.AddRow(c.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), PassportFormatter.Time(c.At),
                    Markup.Escape(c.Actor), Markup.Escape(c.Action), Markup.Escape(c.Subject), Markup.Escape(c.Summary));
            }
            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
