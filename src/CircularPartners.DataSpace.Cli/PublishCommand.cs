using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf;
using Spectre.Console;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds passport publish FILE|DIR --schema ID</c>: streams every document over PublishStream
/// and reports each refused record with its field violations.
/// </summary>
internal static class PublishCommand
{
    public static Command Create(CommandRunner runner)
    {
        var path = new Argument<string>("FILE|DIR") { Description = "A JSON document, or a directory searched recursively for *.json" };
        var schema = new Option<string>("--schema") { Description = "Schema to validate against, e.g. cmp/1.0", HelpName = "ID", Required = true };
        var id = new Option<string?>("--id") { Description = "Passport id (single file only); default: the body's /passportId", HelpName = "ID" };
        var expectedVersion = new Option<long?>("--expected-version")
        {
            Description = "Current version the passport must have (single file only); 0 = must not exist yet",
            HelpName = "N",
        };
        expectedVersion.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is < 0)
            {
                result.AddError("--expected-version must not be negative.");
            }
        });

        var command = new Command("publish", "Publish passports from a file or a directory of *.json files")
        {
            path, schema, id, expectedVersion,
        };
        runner.Bind(command, async (parseResult, context) =>
        {
            var files = PublishInputs.Resolve(parseResult.GetRequiredValue(path));
            var template = new PublishRequest { SchemaId = parseResult.GetRequiredValue(schema) };
            if (parseResult.GetValue(id) is { Length: > 0 } passportId)
            {
                template.PassportId = passportId;
            }

            if (parseResult.GetValue(expectedVersion) is { } expected)
            {
                template.ExpectedVersion = expected;
            }

            if (files.Count > 1 && (template.HasExpectedVersion || template.PassportId.Length > 0))
            {
                // One id or version for many documents would make all but one of them conflict.
                throw new CliUsageException("--id and --expected-version apply to a single file, not a directory.");
            }

            var response = await PublishAsync(files, template, context);
            PublishReport.Write(files, response, context);
            return response.Failed > 0 || response.Results.Any(r => r.OutcomeCase != PublishResult.OutcomeOneofCase.Passport)
                ? ExitCodes.Rejected
                : ExitCodes.Success;
        });
        return command;
    }

    private static Task<PublishStreamResponse> PublishAsync(IReadOnlyList<string> files, PublishRequest template, CommandContext context)
    {
        if (!context.ShowProgress)
        {
            return StreamAsync(files, template, context, _ => { });
        }

        return context.Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("sending", maxValue: files.Count);
                return await StreamAsync(files, template, context, sent =>
                {
                    task.Value = sent;
                    if (sent == files.Count)
                    {
                        // Results arrive only once every record is durable; say why we are still waiting.
                        task.Description = "awaiting results";
                    }
                });
            });
    }

    private static async Task<PublishStreamResponse> StreamAsync(
        IReadOnlyList<string> files, PublishRequest template, CommandContext context, Action<int> onSent)
    {
        using var call = context.Passports.PublishStream(context.CallOptions());
        for (var i = 0; i < files.Count; i++)
        {
            var bytes = await PublishInputs.ReadAsync(files[i], context.CancellationToken);
            var request = template.Clone();
            // The buffer is not reused after this point, so wrapping it avoids a copy per record.
            request.JsonBytes = UnsafeByteOperations.UnsafeWrap(bytes);
            try
            {
                await call.RequestStream.WriteAsync(request, context.CancellationToken);
            }
            catch (InvalidOperationException)
            {
                // The call already ended (e.g. refused credential): surface its status instead.
                await call.ResponseAsync;
                throw;
            }

            onSent(i + 1);
        }

        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }
}
