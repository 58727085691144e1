using System.CommandLine;
using System.Globalization;
using CircularPartners.DataSpace.Contracts.V1;
using Spectre.Console;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds goal ...</c>: a member's circular-economy goals and achievement reports on the
/// secretariat's connector (set <c>--connector</c> to it).
/// </summary>
internal static class GoalCommands
{
    public static Command Create(CommandRunner runner) =>
        new("goal", "CE goals and achievement reports on the secretariat's connector")
        {
            Add(runner), List(runner), Report(runner), Classify(runner),
        };

    private static MembershipService.MembershipServiceClient Client(CommandContext context) => new(context.Invoker);

    private static Command Add(CommandRunner runner)
    {
        var title = new Option<string>("--title") { Description = "What the goal is", Required = true };
        var category = new Option<string>("--category") { Description = "Goal-setting category code, e.g. recycling-rate, waste, ghg-emissions", Required = true };
        var kind = new Option<string>("--kind") { Description = "quantitative, qualitative or project", DefaultValueFactory = _ => "quantitative" };
        var unit = new Option<string?>("--unit") { Description = "Unit of the values, e.g. t, %" };
        var baselineYear = new Option<int?>("--baseline-year") { Description = "Baseline year" };
        var baseline = new Option<double?>("--baseline") { Description = "Baseline value" };
        var targetYear = new Option<int>("--target-year") { Description = "Target year", Required = true };
        var target = new Option<double?>("--target") { Description = "Target value" };
        var scope = new Option<string?>("--scope") { Description = "company (default), product-line or site" };
        var indicators = new Option<string[]>("--indicator") { Description = "Representative indicator (repeatable; default: the category's)" };
        var member = new Option<string?>("--member") { Description = "The member the goal is for (secretariat only; default: the caller)" };
        var command = new Command("add", "Register a goal") { title, category, kind, unit, baselineYear, baseline, targetYear, target, scope, indicators, member };
        runner.Bind(command, async (parseResult, context) =>
        {
            var goal = new Goal
            {
                ParticipantId = parseResult.GetValue(member) ?? "",
                Title = parseResult.GetRequiredValue(title),
                Category = parseResult.GetRequiredValue(category),
                Kind = parseResult.GetValue(kind) ?? "quantitative",
                Unit = parseResult.GetValue(unit) ?? "",
                BaselineYear = parseResult.GetValue(baselineYear) ?? 0,
                TargetYear = parseResult.GetRequiredValue(targetYear),
                Scope = parseResult.GetValue(scope) ?? "",
                Indicators = { parseResult.GetValue(indicators) ?? [] },
            };
            if (parseResult.GetValue(baseline) is { } b)
            {
                goal.BaselineValue = b;
            }
            if (parseResult.GetValue(target) is { } t)
            {
                goal.TargetValue = t;
            }
            var created = await Client(context).CreateGoalAsync(new CreateGoalRequest { Goal = goal }, context.CallOptions());
            return Write(context, created, $"goal {created.GoalId} for {created.ParticipantId}: {created.Title} ({string.Join(", ", created.Indicators)})");
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var member = new Option<string?>("--member") { Description = "Only this member's goals (the secretariat sees all; a member its own)" };
        var indicator = new Option<string?>("--indicator") { Description = "Only goals under this indicator" };
        var kind = new Option<string?>("--kind") { Description = "Only goals of this kind" };
        var command = new Command("list", "List goals with their progress") { member, indicator, kind };
        runner.Bind(command, async (parseResult, context) =>
        {
            var response = await Client(context).ListGoalsAsync(new ListGoalsRequest
            {
                ParticipantId = parseResult.GetValue(member) ?? "",
                Indicator = parseResult.GetValue(indicator) ?? "",
                Kind = parseResult.GetValue(kind) ?? "",
            }, context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("goal", "member", "title", "indicators", "kind", "target", "progress");
            foreach (var g in response.Goals)
            {
                table.AddRow(Markup.Escape(g.GoalId), Markup.Escape(g.ParticipantId), Markup.Escape(g.Title), Markup.Escape(string.Join(",", g.Indicators)),
                    g.Kind, g.HasTargetValue ? $"{g.TargetValue.ToString(CultureInfo.InvariantCulture)} {Markup.Escape(g.Unit)} ({g.TargetYear})" : g.TargetYear.ToString(CultureInfo.InvariantCulture),
                    Progress(g.Progress));
            }
            context.Console.Write(table);
            context.Out.WriteLine($"{response.Goals.Count} goal(s)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Report(CommandRunner runner)
    {
        var goal = new Argument<string>("GOAL") { Description = "Goal id" };
        var period = new Option<string>("--period") { Description = "YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM; reporting a period again corrects it", Required = true };
        var value = new Option<double>("--value") { Description = "The value reached in that period", Required = true };
        var comment = new Option<string?>("--comment") { Description = "Comment" };
        var command = new Command("report", "Add an achievement report to a goal; prints the goal's progress") { goal, period, value, comment };
        runner.Bind(command, async (parseResult, context) =>
        {
            var goalId = parseResult.GetRequiredValue(goal);
            var client = Client(context);
            await client.AddAchievementReportAsync(new AddAchievementReportRequest
            {
                GoalId = goalId,
                Report = new AchievementReport { Period = parseResult.GetRequiredValue(period), Value = parseResult.GetRequiredValue(value), Comment = parseResult.GetValue(comment) ?? "" },
            }, context.CallOptions());
            var reports = await client.ListAchievementReportsAsync(new ListAchievementReportsRequest { GoalId = goalId }, context.CallOptions());
            return Write(context, reports, $"goal {goalId}: {reports.Reports.Count} report(s), progress {Progress(reports.Progress)}");
        });
        return command;
    }

    private static Command Classify(CommandRunner runner)
    {
        var goal = new Argument<string>("GOAL") { Description = "Goal id" };
        var indicators = new Option<string[]>("--indicator") { Description = "Representative indicator (repeatable)", Required = true };
        var command = new Command("classify", "Classify a goal under one or more indicators (secretariat only)") { goal, indicators };
        runner.Bind(command, async (parseResult, context) =>
        {
            var classified = await Client(context).ClassifyGoalAsync(new ClassifyGoalRequest
            {
                GoalId = parseResult.GetRequiredValue(goal),
                Indicators = { parseResult.GetRequiredValue(indicators) },
            }, context.CallOptions());
            return Write(context, classified, $"goal {classified.GoalId}: {string.Join(", ", classified.Indicators)}");
        });
        return command;
    }

    private static string Progress(GoalProgress p) =>
        p.Defined ? $"{(p.Progress * 100).ToString("0.#", CultureInfo.InvariantCulture)}% ({p.LatestPeriod})"
        : p.ReportCount > 0 ? $"{p.ReportCount} report(s)" : "-";

    private static int Write(CommandContext context, Google.Protobuf.IMessage message, string text)
    {
        context.Out.WriteLine(context.Json ? PassportFormatter.ToJson(message) : text);
        return ExitCodes.Success;
    }
}
