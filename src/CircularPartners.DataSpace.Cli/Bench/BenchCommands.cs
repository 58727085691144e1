using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>
/// The <c>bench</c> command group: load against a running connector, each scenario printed with
/// the ceiling it was compared with, measured in the same run on the same machine.
/// </summary>
internal static class BenchCommands
{
    public static Command Create(CommandRunner runner) =>
        new("bench", "Load a connector and report throughput and latency (p50, p99) against a ceiling")
        {
            Publish(runner),
            Get(runner),
            Query(runner),
            Negotiate(runner),
        };

    private static Command Publish(CommandRunner runner)
    {
        var load = new LoadOptions(count: 10_000, concurrency: 4, warmup: 1_000, warmupUnit: "documents");
        var batch = Positive("--batch", "Records per PublishStream call", 1_000);
        var useCase = new Option<string>("--use-case")
        {
            Description = "Generated documents: one use case, cmp-large (300 substances), or mixed (all five in turn)",
            DefaultValueFactory = _ => PassportGenerator.Mixed,
        };
        useCase.AcceptOnlyFromAmong(PassportGenerator.Choices);
        var schemas = SchemasOption();
        var command = new Command("publish", "Bulk publish generated passports; ceiling: validation only of the same documents")
        {
            batch, useCase, schemas,
        };
        load.AddTo(command);
        runner.Bind(command, async (parseResult, context) =>
        {
            var settings = new PublishScenario.Settings(
                load.Count(parseResult), load.Concurrency(parseResult), parseResult.GetValue(batch), load.Warmup(parseResult), load.Rounds(parseResult),
                parseResult.GetRequiredValue(useCase), BenchSchemas.Locate(parseResult.GetValue(schemas)));
            var (result, loadRunner) = await PublishScenario.RunAsync(settings, new BenchCalls(context, context.Invoker, null), context.CancellationToken);
            return BenchExit.Report(result, loadRunner, context);
        });
        return command;
    }

    private static Command Get(CommandRunner runner)
    {
        var load = new LoadOptions(count: 20_000, concurrency: 16, warmup: 1_000, warmupUnit: "calls");
        var accessToken = new Option<string?>("--access-token") { Description = "Data-access token (x-data-access-token): token check and field filtering on every call", HelpName = "T" };
        var ids = new Option<string[]>("--id") { Description = "Passport id to read; repeat for several. Default: ids the token grants, or freshly published ones", HelpName = "ID" };
        var seed = Positive("--seed", "Passports to publish first when no --id or token is given", 100);
        var echoBytes = EchoBytesOption();
        var schemas = SchemasOption();
        var command = new Command("get", "Get by id (with token check and field filtering when a token is given); ceiling: gRPC echo")
        {
            accessToken, ids, seed, echoBytes, schemas,
        };
        load.AddTo(command);
        runner.Bind(command, async (parseResult, context) =>
        {
            var token = parseResult.GetValue(accessToken);
            var settings = new GetScenario.Settings(
                load.Count(parseResult), load.Concurrency(parseResult), load.Warmup(parseResult), load.Rounds(parseResult), token, parseResult.GetValue(ids) ?? [],
                parseResult.GetValue(seed), parseResult.GetValue(echoBytes), BenchSchemas.Locate(parseResult.GetValue(schemas)));
            var (result, loadRunner) = await GetScenario.RunAsync(settings, new BenchCalls(context, context.Invoker, token), context.CancellationToken);
            return BenchExit.Report(result, loadRunner, context);
        });
        return command;
    }

    private static Command Query(CommandRunner runner)
    {
        var load = new LoadOptions(count: 20_000, concurrency: 16, warmup: 1_000, warmupUnit: "calls");
        var cas = new Option<string[]>("--cas") { Description = "Substance CAS number; repeat to require several", HelpName = "X" };
        var material = new Option<string[]>("--material") { Description = "Material name; repeat to require several", HelpName = "M" };
        var category = new Option<string?>("--category") { Description = "Category path (includes sub-categories)", HelpName = "C" };
        var pageSize = Positive("--page-size", "Results per page (1-500)", 50);
        var echoBytes = EchoBytesOption();
        var command = new Command("query", "Repeat one query by CAS, material or category; ceiling: gRPC echo")
        {
            cas, material, category, pageSize, echoBytes,
        };
        load.AddTo(command);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(cas) ?? []).Length == 0 && (result.GetValue(material) ?? []).Length == 0 && string.IsNullOrEmpty(result.GetValue(category)))
            {
                result.AddError("give at least one of --cas, --material, --category.");
            }
        });
        runner.Bind(command, async (parseResult, context) =>
        {
            var request = new QueryRequest { Category = parseResult.GetValue(category) ?? string.Empty, PageSize = Math.Min(500, parseResult.GetValue(pageSize)) };
            request.Cas.AddRange(parseResult.GetValue(cas) ?? []);
            request.Material.AddRange(parseResult.GetValue(material) ?? []);
            var settings = new QueryScenario.Settings(
                load.Count(parseResult), load.Concurrency(parseResult), load.Warmup(parseResult), load.Rounds(parseResult), request, parseResult.GetValue(echoBytes));
            var (result, loadRunner) = await QueryScenario.RunAsync(settings, new BenchCalls(context, context.Invoker, null), context.CancellationToken);
            return BenchExit.Report(result, loadRunner, context);
        });
        return command;
    }

    private static Command Negotiate(CommandRunner runner)
    {
        var load = new LoadOptions(count: 100, concurrency: 1, warmup: 5, warmupUnit: "sequences");
        var provider = new Option<string>("--provider") { Description = "The provider connector's gRPC address", HelpName = "URL", Required = true };
        var offer = new Option<string>("--offer") { Description = "Offer id at the provider", HelpName = "ID", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "Purpose, e.g. recycling", HelpName = "P", Required = true };
        var id = new Option<string?>("--id") { Description = "Passport to read first; default: a one-passport query under the token", HelpName = "ID" };
        var command = new Command("negotiate", "Negotiation, transfer and first read between two connectors (--connector is the consumer's)")
        {
            provider, offer, purpose, id,
        };
        load.AddTo(command);
        runner.Bind(command, async (parseResult, context) =>
        {
            var providerAddress = parseResult.GetRequiredValue(provider);
            if (!Uri.TryCreate(providerAddress, UriKind.Absolute, out var providerUri) || providerUri.Scheme is not ("http" or "https"))
            {
                throw new CliUsageException($"invalid --provider '{providerAddress}': expected http://host:port or https://host:port.");
            }

            var (channel, owned) = BenchCalls.Open(context, providerUri);
            try
            {
                var consumer = new BenchCalls(context, context.Invoker, null);
                var providerInvoker = channel.CreateCallInvoker();
                var settings = new NegotiateScenario.Settings(
                    load.Count(parseResult), load.Concurrency(parseResult), load.Warmup(parseResult), load.Rounds(parseResult), providerAddress,
                    parseResult.GetRequiredValue(offer), parseResult.GetRequiredValue(purpose), parseResult.GetValue(id));
                var (result, loadRunner) = await NegotiateScenario.RunAsync(
                    settings, consumer, token => consumer.At(providerInvoker, token), context.CancellationToken);
                return BenchExit.Report(result, loadRunner, context);
            }
            finally
            {
                if (owned)
                {
                    channel.Dispose();
                }
            }
        });
        return command;
    }

    private static Option<string?> SchemasOption() => new("--schemas")
    {
        Description = "Schema directory (schemas and examples/); default: the copy beside cpds",
        HelpName = "DIR",
    };

    private static Option<int> EchoBytesOption()
    {
        var option = new Option<int>("--echo-bytes") { Description = "Payload of each echo call (the ceiling)", HelpName = "N", DefaultValueFactory = _ => 0 };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--echo-bytes must not be negative.");
            }
        });
        return option;
    }

    internal static Option<int> Positive(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = $"{description} (default {defaultValue})", HelpName = "N", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }
}
