using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds passport query [filters] [--all]</c>: combinable filters, one page or all of them.
/// <c>--json</c> prints one Passport per line (JSON lines) so large result sets stream.
/// </summary>
internal static class QueryCommand
{
    private const int MaxPageSize = 500;

    public static Command Create(CommandRunner runner)
    {
        var material = new Option<string[]>("--material") { Description = "Material name; repeat to require several", HelpName = "M" };
        var cas = new Option<string[]>("--cas") { Description = "Substance CAS number; repeat to require several", HelpName = "C" };
        var category = new Option<string?>("--category") { Description = "Category path (includes sub-categories)", HelpName = "C" };
        var useCase = new Option<string?>("--use-case") { Description = "Use case, e.g. cmp, battery", HelpName = "U" };
        var owner = new Option<string?>("--owner") { Description = "Owning participant", HelpName = "O" };
        var recycledMin = new Option<double?>("--recycled-min") { Description = "Minimum recycled content", HelpName = "X" };
        var recycledMax = new Option<double?>("--recycled-max") { Description = "Maximum recycled content", HelpName = "Y" };
        var status = new Option<string?>("--status") { Description = "Passport status; active only when omitted" };
        status.AcceptOnlyFromAmong("active", "withdrawn");
        var pageSize = new Option<int?>("--page-size") { Description = $"Results per page (1-{MaxPageSize}); connector default 50", HelpName = "N" };
        pageSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > MaxPageSize)
            {
                result.AddError($"--page-size must be between 1 and {MaxPageSize}.");
            }
        });
        var pageToken = new Option<string?>("--page-token") { Description = "Continue from a previous page", HelpName = "TOKEN" };
        var all = new Option<bool>("--all") { Description = "Follow page tokens until the last page" };

        var command = new Command("query", "Find passports by material, substance, category, owner, recycled content or status")
        {
            material, cas, category, useCase, owner, recycledMin, recycledMax, status, pageSize, pageToken, all,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(recycledMin) is { } min && result.GetValue(recycledMax) is { } max && min > max)
            {
                result.AddError("--recycled-min must not be greater than --recycled-max.");
            }
        });

        var accessToken = AccessTokenOptions.AddTo(command);
        runner.Bind(command, async (parseResult, context) =>
        {
            var request = new QueryRequest
            {
                Category = parseResult.GetValue(category) ?? string.Empty,
                UseCase = parseResult.GetValue(useCase) ?? string.Empty,
                Owner = parseResult.GetValue(owner) ?? string.Empty,
                Status = parseResult.GetValue(status) switch
                {
                    "active" => PassportStatus.Active,
                    "withdrawn" => PassportStatus.Withdrawn,
                    _ => PassportStatus.Unspecified,
                },
                PageSize = parseResult.GetValue(pageSize) ?? 0,
                PageToken = parseResult.GetValue(pageToken) ?? string.Empty,
            };
            request.Material.AddRange(parseResult.GetValue(material) ?? []);
            request.Cas.AddRange(parseResult.GetValue(cas) ?? []);
            if (parseResult.GetValue(recycledMin) is { } min)
            {
                request.RecycledContentMin = min;
            }

            if (parseResult.GetValue(recycledMax) is { } max)
            {
                request.RecycledContentMax = max;
            }

            return await RunAsync(request, parseResult.GetValue(all), accessToken.Read(parseResult), context);
        });
        return command;
    }

    private static async Task<int> RunAsync(QueryRequest request, bool all, string? accessToken, CommandContext context)
    {
        var collected = new List<Passport>();
        QueryResponse response;
        do
        {
            response = await context.Passports.QueryAsync(request, context.CallOptions(accessToken));
            collected.AddRange(response.Passports);
            request.PageToken = response.NextPageToken;
        }
        while (all && response.NextPageToken.Length > 0);

        if (context.Json)
        {
            // One document, shaped as the REST answer: every page's passports, the next page's token.
            var document = new QueryResponse { NextPageToken = all ? "" : response.NextPageToken };
            document.Passports.AddRange(collected);
            context.Out.WriteLine(PassportFormatter.ToJson(document));
        }
        else
        {
            context.Console.Write(PassportFormatter.QueryTable(collected));
            context.Out.WriteLine($"{collected.Count} passport(s)");
        }

        if (!all && response.NextPageToken.Length > 0)
        {
            // On stderr so the JSON on stdout stays clean for scripts.
            context.Error.WriteLine($"more results: rerun with --all, or --page-token {response.NextPageToken}");
        }

        return ExitCodes.Success;
    }
}
