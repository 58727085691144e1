using System.CommandLine;
using System.Globalization;
using System.Text;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf;
using Spectre.Console;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds analytics TABLE</c>: the secretariat's tables over members and goals, as a table on
/// the terminal, JSON (<c>--json</c>) or CSV (<c>--csv</c>, UTF-8 with BOM for Excel).
/// </summary>
internal static class AnalyticsCommands
{
    private static readonly string[] Tables = ["submission-rates", "goals-by-indicator", "goals-by-kind", "progress", "pending-submitters"];

    public static Command Create(CommandRunner runner)
    {
        var table = new Argument<string>("TABLE") { Description = string.Join(", ", Tables) };
        table.AcceptOnlyFromAmong(Tables);
        var asOf = new Option<string?>("--as-of") { Description = "Date the table is computed as of (YYYY-MM-DD; default today)" };
        var months = new Option<int?>("--months") { Description = "pending-submitters: joined more than this many months ago (default 12)" };
        var includeExempt = new Option<bool>("--include-exempt") { Description = "pending-submitters: also universities, schools and research bodies" };
        var csv = new Option<bool>("--csv") { Description = "CSV (UTF-8 with BOM) instead of a table" };
        var language = new Option<string?>("--lang") { Description = "CSV headers and names: ja (default) or en" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the CSV to this file instead of stdout", HelpName = "FILE" };
        var command = new Command("analytics", "The secretariat's analytics over members and goals (secretariat only)") { table, asOf, months, includeExempt, csv, language, output };
        runner.Bind(command, async (parseResult, context) =>
        {
            var client = new MembershipService.MembershipServiceClient(context.Invoker);
            var name = parseResult.GetRequiredValue(table);
            var request = new AnalyticsRequest { AsOf = parseResult.GetValue(asOf) ?? "", Months = parseResult.GetValue(months) ?? 0, IncludeExempt = parseResult.GetValue(includeExempt) };
            if (parseResult.GetValue(csv))
            {
                var body = await client.ExportAnalyticsTableAsync(new ExportAnalyticsTableRequest
                {
                    Table = name, AsOf = request.AsOf, Months = request.Months, IncludeExempt = request.IncludeExempt, Language = parseResult.GetValue(language) ?? "",
                }, context.CallOptions());
                if (parseResult.GetValue(output) is { } file)
                {
                    await File.WriteAllBytesAsync(file, body.Data.ToByteArray(), context.CancellationToken);
                    context.Error.WriteLine($"wrote {file}");
                }
                else
                {
                    context.Out.Write(Encoding.UTF8.GetString(body.Data.Span));
                }
                return ExitCodes.Success;
            }
            IMessage result = name switch
            {
                "submission-rates" => await client.GetSubmissionRatesAsync(request, context.CallOptions()),
                "goals-by-indicator" => await client.GetGoalsByIndicatorAsync(request, context.CallOptions()),
                "goals-by-kind" => await client.GetGoalsByKindAsync(request, context.CallOptions()),
                "progress" => await client.GetProgressAsync(request, context.CallOptions()),
                _ => await client.GetPendingSubmittersAsync(request, context.CallOptions()),
            };
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(result));
            }
            else
            {
                context.Console.Write(Render(result));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Table Render(IMessage result)
    {
        var table = new Table();
        switch (result)
        {
            case SubmissionRatesTable t:
                table.AddColumns("industry", "members", "submitted", "share %");
                foreach (var r in t.Rows.Append(t.Total))
                {
                    table.AddRow(Markup.Escape(r.NameJa), N(r.Members), N(r.Submitted), P(r.SharePercent));
                }
                break;
            case GoalsByIndicatorTable t:
                table.AddColumns("indicator", "goals", "share %");
                foreach (var r in t.Rows.Append(t.Total))
                {
                    table.AddRow(Markup.Escape(r.NameJa), N(r.Goals), P(r.SharePercent));
                }
                break;
            case GoalsByKindTable t:
                table.AddColumns("kind", "goals", "share %");
                foreach (var r in t.Rows.Append(t.Total))
                {
                    table.AddRow(Markup.Escape(r.NameJa), N(r.Goals), P(r.SharePercent));
                }
                break;
            case ProgressTable t:
                table.AddColumns("indicator", "goals", "with reports", "with progress", "median progress %", "past target year");
                foreach (var r in t.Rows.Append(t.Total))
                {
                    table.AddRow(Markup.Escape(r.NameJa), N(r.Goals), N(r.GoalsWithReports), N(r.GoalsWithProgress), r.HasMedianProgressPercent ? P(r.MedianProgressPercent) : "-", N(r.PastTargetYear));
                }
                break;
            case PendingSubmittersTable t:
                table.AddColumns("member", "name", "industry", "joined", "months");
                foreach (var m in t.Members)
                {
                    table.AddRow(Markup.Escape(m.ParticipantId), Markup.Escape(m.Name), Markup.Escape(m.IndustryNameJa), m.JoinedAt.ToDateTimeOffset().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), N(m.MonthsSinceJoined));
                }
                break;
        }
        return table;
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string P(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
