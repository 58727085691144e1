using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds federated query [filters]</c>: one query on one's own connector, fanned out to every
/// provider one holds an agreement with; merged matches, then a status per provider.
/// </summary>
internal static class FederatedCommands
{
    public static Command Create(CommandRunner runner) =>
        new("federated", "Ask every provider you hold agreements with at once")
        {
            Query(runner),
        };

    private static Command Query(CommandRunner runner)
    {
        var material = new Option<string[]>("--material") { Description = "Material name; repeat to require several", HelpName = "M" };
        var cas = new Option<string[]>("--cas") { Description = "Substance CAS number; repeat to require several", HelpName = "C" };
        var category = new Option<string?>("--category") { Description = "Category path (includes sub-categories)", HelpName = "C" };
        var useCase = new Option<string?>("--use-case") { Description = "Use case, e.g. cmp, battery", HelpName = "U" };
        var pageSize = new Option<int>("--page-size") { Description = "Matches per provider; connector default when omitted", HelpName = "N" };
        var providerTimeout = new Option<int>("--provider-timeout") { Description = "Time budget per provider in milliseconds (connector default 2000)", HelpName = "MS" };
        foreach (var option in new[] { pageSize, providerTimeout })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{option.Name} must be a positive number.");
                }
            });
        }

        var command = new Command("query", "Find passports at every provider you hold an agreement with; merged results and a status per provider")
        {
            material, cas, category, useCase, pageSize, providerTimeout,
        };
        runner.Bind(command, async (parseResult, context) =>
        {
            var request = new FederatedQueryRequest
            {
                Material = { parseResult.GetValue(material) ?? [] },
                Cas = { parseResult.GetValue(cas) ?? [] },
                Category = parseResult.GetValue(category) ?? "",
                UseCase = parseResult.GetValue(useCase) ?? "",
                PageSizePerProvider = parseResult.GetValue(pageSize),
                TimeoutMs = parseResult.GetValue(providerTimeout),
            };
            var response = await SharingCommands.Client(context).FederatedQueryAsync(request, context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
                return ExitCodes.Success;
            }

            context.Console.Write(SharingFormatter.FederatedTable(response.Passports));
            context.Out.WriteLine($"{response.Passports.Count} passport(s)");
            context.Console.Write(SharingFormatter.ProviderTable(response.Providers));
            return ExitCodes.Success;
        });
        return command;
    }
}
