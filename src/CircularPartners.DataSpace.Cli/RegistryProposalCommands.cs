using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary><c>cpds registry propose | accept | decline</c>: the proposal workflow.</summary>
internal static class RegistryProposalCommands
{
    public static Command Propose(CommandRunner runner)
    {
        var theme = new Option<string>("--theme") { Description = "What the use case is about", HelpName = "TEXT", Required = true };
        var outline = new Option<string>("--outline") { Description = "A short outline", HelpName = "TEXT", Required = true };
        var domain = new Option<string?>("--domain") { Description = "Industry domain", HelpName = "TEXT" };
        var category = new Option<string[]>("--category") { Description = "Category path it covers; repeat for several", HelpName = "C" };
        var stage = new Option<string[]>("--stage") { Description = "Lifecycle stage it covers (e.g. collection); repeat for several", HelpName = "S" };
        var command = new Command("propose", "Propose a new use case to the secretariat") { theme, outline, domain, category, stage };
        runner.Bind(command, async (parseResult, context) =>
        {
            var request = new ProposeRequest
            {
                Theme = parseResult.GetRequiredValue(theme),
                Outline = parseResult.GetRequiredValue(outline),
                Domain = parseResult.GetValue(domain) ?? "",
                CategoryIds = { parseResult.GetValue(category) ?? [] },
                Stages = { (parseResult.GetValue(stage) ?? []).Select(RegistryCommands.ParseStage) },
            };
            var proposal = await RegistryCommands.Client(context).ProposeAsync(request, context.CallOptions());
            context.Out.WriteLine(context.Json ? PassportFormatter.ToJson(proposal) : $"proposed {proposal.Id}: {proposal.Theme} (pending)");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Accept(CommandRunner runner)
    {
        var id = new Argument<string>("PROPOSAL") { Description = "Proposal id" };
        var useCaseId = new Option<string?>("--use-case-id") { Description = "Id of the new use case (default: from the theme)", HelpName = "ID" };
        var nameJa = new Option<string?>("--name-ja") { Description = "Japanese name (default: the theme, when it is in Japanese)", HelpName = "NAME" };
        var nameEn = new Option<string?>("--name-en") { Description = "English name (default: the theme, when it is not in Japanese)", HelpName = "NAME" };
        var command = new Command("accept", "Accept a proposal as a use case in concept (secretariat)") { id, useCaseId, nameJa, nameEn };
        runner.Bind(command, async (parseResult, context) =>
        {
            var response = await RegistryCommands.Client(context).AcceptProposalAsync(new AcceptProposalRequest
            {
                ProposalId = parseResult.GetRequiredValue(id),
                UseCaseId = parseResult.GetValue(useCaseId) ?? "",
                NameJa = parseResult.GetValue(nameJa) ?? "",
                NameEn = parseResult.GetValue(nameEn) ?? "",
            }, context.CallOptions());
            context.Out.WriteLine(context.Json ? PassportFormatter.ToJson(response) : $"accepted {response.Proposal.Id} as use case {response.UseCase.Id} (concept)");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Decline(CommandRunner runner)
    {
        var id = new Argument<string>("PROPOSAL") { Description = "Proposal id" };
        var reason = new Option<string>("--reason") { Description = "Why (the proposer reads it)", HelpName = "TEXT", Required = true };
        var command = new Command("decline", "Decline a proposal with a reason (secretariat)") { id, reason };
        runner.Bind(command, async (parseResult, context) =>
        {
            var proposal = await RegistryCommands.Client(context).DeclineProposalAsync(new DeclineProposalRequest
            {
                ProposalId = parseResult.GetRequiredValue(id),
                Reason = parseResult.GetRequiredValue(reason),
            }, context.CallOptions());
            context.Out.WriteLine(context.Json ? PassportFormatter.ToJson(proposal) : $"declined {proposal.Id}: {proposal.Reason}");
            return ExitCodes.Success;
        });
        return command;
    }
}
