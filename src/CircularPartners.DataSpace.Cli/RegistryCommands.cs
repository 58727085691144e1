using System.CommandLine;
using System.Text;
using CircularPartners.DataSpace.Contracts.V1;
using Spectre.Console;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// The <c>registry</c> command group: the secretariat's use-case registry and coverage map.
/// <c>map</c> writes the export itself to stdout, so <c>cpds registry map --format svg &gt; map.svg</c> works.
/// </summary>
internal static class RegistryCommands
{
    public static Command Create(CommandRunner runner) =>
        new("registry", "Use cases, proposals and the coverage map of the secretariat's registry")
        {
            UseCases(runner),
            RegistryProposalCommands.Propose(runner),
            RegistryProposalCommands.Accept(runner),
            RegistryProposalCommands.Decline(runner),
            RegistryListCommands.Proposals(runner),
            RegistryListCommands.Changes(runner),
            Map(runner),
            Gaps(runner),
            RegistryReportCommand.Create(runner),
        };

    public static RegistryService.RegistryServiceClient Client(CommandContext context) => new(context.Invoker);

    private static Command UseCases(CommandRunner runner)
    {
        var command = new Command("usecases", "List the registered use cases");
        runner.Bind(command, async (_, context) =>
        {
            var response = await Client(context).ListUseCasesAsync(new ListUseCasesRequest(), context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("id", "name", "status", "categories", "stages", "seed");
            foreach (var u in response.UseCases)
            {
                table.AddRow(
                    Markup.Escape(u.Id),
                    Markup.Escape($"{u.NameEn} / {u.NameJa}"),
                    StatusName(u.Status),
                    Markup.Escape(string.Join("\n", u.CategoryIds)),
                    Markup.Escape(string.Join(" ", u.Stages.Select(StageName))),
                    u.Seed ? "seed" : "");
            }
            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Map(CommandRunner runner)
    {
        var format = new Option<string>("--format") { Description = "Export format", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv", "svg");
        var command = new Command("map", "Write the coverage map (declared and measured) to stdout as JSON, CSV or an SVG heat map") { format };
        runner.Bind(command, async (parseResult, context) =>
        {
            var body = await Client(context).ExportCoverageMapAsync(
                new ExportCoverageMapRequest { Format = parseResult.GetRequiredValue(format) }, context.CallOptions());
            // The export is the output, byte for byte; no extra newline that would change a file's hash.
            await context.Out.WriteAsync(Encoding.UTF8.GetString(body.Data.Span));
            await context.Out.FlushAsync(context.CancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Gaps(CommandRunner runner)
    {
        var limit = new Option<int>("--limit") { Description = "Show at most N gaps (default: all)", HelpName = "N" };
        var command = new Command("gaps", "Cells no use case covers, ranked by how many members' products fall there") { limit };
        runner.Bind(command, async (parseResult, context) =>
        {
            var response = await Client(context).ListGapsAsync(new ListGapsRequest { Limit = parseResult.GetValue(limit) }, context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("category", "stage", "members", "passports", "events");
            foreach (var gap in response.Gaps)
            {
                table.AddRow(Markup.Escape(gap.Category), StageName(gap.Stage), $"{gap.Members}", $"{gap.Passports}", $"{gap.LifecycleEvents}");
            }
            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    public static string StageName(LifecycleStage stage) => stage switch
    {
        LifecycleStage.MaterialProduction => "material_production",
        LifecycleStage.SecondaryUse => "secondary_use",
        LifecycleStage.FinalDisposal => "final_disposal",
        _ => stage.ToString().ToLowerInvariant(),
    };

    public static LifecycleStage ParseStage(string name) =>
        Enum.GetValues<LifecycleStage>().FirstOrDefault(s => s != LifecycleStage.Unspecified && string.Equals(StageName(s), name.Trim(), StringComparison.OrdinalIgnoreCase)) is var stage
            && stage != LifecycleStage.Unspecified
            ? stage
            : throw new CliUsageException($"unknown lifecycle stage '{name}': expected one of {string.Join(", ", Enum.GetValues<LifecycleStage>().Skip(1).Select(StageName))}.");

    private static string StatusName(UseCaseStatus status) => status.ToString().ToLowerInvariant();
}
