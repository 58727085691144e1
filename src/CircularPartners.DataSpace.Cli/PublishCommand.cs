using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds passport publish FILE|DIR --schema ID</c>: streams every document over PublishBulk,
/// counts the answers as they arrive (acknowledged, skipped as unchanged, refused) and reports
/// each refused record with its field violations. Running it again after any failure is safe:
/// what is already stored is skipped.
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
        var keepUnknown = new Option<bool>("--keep-unknown-sections")
        {
            Description = "Keep top-level sections no schema knows (owner-only, unindexed) instead of refusing the document",
        };

        var command = new Command("publish", "Publish passports from a file or a directory of *.json files")
        {
            path, schema, id, expectedVersion, keepUnknown,
        };
        runner.Bind(command, async (parseResult, context) =>
        {
            var files = PublishInputs.Resolve(parseResult.GetRequiredValue(path));
            var template = new PublishRequest { SchemaId = parseResult.GetRequiredValue(schema), KeepUnknownSections = parseResult.GetValue(keepUnknown) };
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

            var tally = new PublishTally(files);
            var failure = await TallyProgress.RunAsync(tally, "stored", context, onAnswer => StreamAsync(tally, template, context, onAnswer));
            PublishReport.Write(tally, context);
            if (failure is not null)
            {
                return PublishReport.Failed(tally, failure, context);
            }

            return tally.Answered < files.Count ? ExitCodes.Other
                : tally.Refused > 0 ? ExitCodes.Rejected
                : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Sends the files while a second loop reads the answers, each arriving once its record is
    /// durable. Returns why the stream broke (null: it ended normally); the tally holds whatever
    /// was answered until then.
    /// </summary>
    private static async Task<Exception?> StreamAsync(PublishTally tally, PublishRequest template, CommandContext context, Action onAnswer)
    {
        using var call = context.Passports.PublishBulk(context.CallOptions());
        var reading = ReadAnswersAsync(call.ResponseStream, tally, onAnswer, context.CancellationToken);
        CliUsageException? unreadable = null;
        try
        {
            foreach (var file in tally.Files)
            {
                byte[] bytes;
                try
                {
                    bytes = await PublishInputs.ReadAsync(file, context.CancellationToken);
                }
                catch (CliUsageException ex)
                {
                    // Stop sending, but keep the answers to what was sent: they say what is stored.
                    unreadable = ex;
                    break;
                }

                var request = template.Clone();
                // The buffer is not reused after this point, so wrapping it avoids a copy per record.
                request.JsonBytes = UnsafeByteOperations.UnsafeWrap(bytes);
                await call.RequestStream.WriteAsync(request, context.CancellationToken);
                tally.Sent++;
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception)
        {
            // The call ended (connector gone, credential refused): the answers loop says why.
            // Ignoring the send failure here is safe because whatever was not answered counts as not stored.
        }

        var failure = await reading;
        return failure ?? unreadable;
    }

    private static async Task<Exception?> ReadAnswersAsync(
        IAsyncStreamReader<PublishResult> answers, PublishTally tally, Action onAnswer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var result in answers.ReadAllAsync(cancellationToken))
            {
                tally.Add(result);
                onAnswer();
            }

            tally.Complete = true;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
