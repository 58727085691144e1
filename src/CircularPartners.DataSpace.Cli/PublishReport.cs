using System.Text.Encodings.Web;
using System.Text.Json;
using CircularPartners.DataSpace.Contracts.V1;
using Grpc.Core;

namespace CircularPartners.DataSpace.Cli;

/// <summary>Writes the outcome of a publish run, also one that broke off: the counts with every refusal, or one JSON object.</summary>
internal static class PublishReport
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(PublishTally tally, CommandContext context)
    {
        if (tally.Unexpected > 0 || (tally.Complete && tally.Answered != tally.Sent))
        {
            context.Error.WriteLine($"warning: connector answered {tally.Answered + tally.Unexpected} time(s) for {tally.Sent} record(s) sent.");
        }

        if (context.Json)
        {
            WriteJson(tally, context.Out);
        }
        else
        {
            WriteText(tally, context.Out);
        }
    }

    /// <summary>
    /// The run broke off: says why, at which connector, and that running it again is safe;
    /// returns the exit code (5 or 6 when the connector went away mid-stream).
    /// </summary>
    public static int Failed(PublishTally tally, Exception failure, CommandContext context)
    {
        var connector = context.Connection.Connector;
        var exit = failure switch
        {
            CliUsageException usage => ErrorReporting.Report(usage, context.Error),
            RpcException rpc => ErrorReporting.Report(rpc, connector, context.Connection.Timeout, context.Error),
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => Cancelled(context.Error),
            _ => Broken(context.Error, $"connector {connector} stopped answering: {failure.GetType().Name}: {failure.Message}"),
        };
        var unanswered = tally.Files.Count - tally.Answered;
        if (unanswered > 0 && tally.Sent > 0 && exit is ExitCodes.Unreachable or ExitCodes.Other)
        {
            context.Error.WriteLine(
                $"  the stream to {connector} broke off after {tally.Sent} of {tally.Files.Count} record(s) were sent; " +
                $"{unanswered} have no answer. Run the same command again: what is already stored is skipped as unchanged.");
        }

        return exit;
    }

    private static int Cancelled(TextWriter stderr) => Broken(stderr, "cancelled.");

    private static int Broken(TextWriter stderr, string message)
    {
        ErrorReporting.WriteError(stderr, message);
        return ExitCodes.Other;
    }

    private static void WriteText(PublishTally tally, TextWriter output)
    {
        foreach (var result in tally.Results.Where(r => r.OutcomeCase != PublishResult.OutcomeOneofCase.Passport))
        {
            var error = result.Error is null
                ? new RpcErrorDetails(StatusCode.Unknown, "no outcome reported", null, [])
                : RpcErrorDetails.From(result.Error);
            var id = result.PassportId.Length > 0 ? $" ({result.PassportId})" : string.Empty;
            output.WriteLine($"FAILED {tally.FileOf(result.Index)}{id}: {error.CodeName}: {error.Message}");
            foreach (var line in error.DetailLines())
            {
                output.WriteLine($"  {line}");
            }
        }

        if (tally.Files.Count == 1 && tally.Results.SingleOrDefault() is { Passport: { } passport })
        {
            output.WriteLine(passport.Unchanged
                ? $"unchanged {passport.PassportId} version {passport.Version}"
                : $"published {passport.PassportId} version {passport.Version}");
        }

        output.WriteLine(Summary(tally));
    }

    /// <summary>The counts line, printed whether or not the run completed.</summary>
    public static string Summary(PublishTally tally)
    {
        var unanswered = tally.Files.Count - tally.Answered;
        return $"{tally.Acknowledged} acknowledged, {tally.Skipped} skipped (unchanged), {tally.Refused} refused"
            + (unanswered > 0 ? $", {unanswered} not answered" : "");
    }

    private static void WriteJson(PublishTally tally, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("acknowledged", tally.Acknowledged);
            json.WriteNumber("skipped", tally.Skipped);
            json.WriteNumber("refused", tally.Refused);
            json.WriteNumber("notAnswered", tally.Files.Count - tally.Answered);
            json.WriteBoolean("complete", tally.Complete);
            json.WriteStartArray("results");
            foreach (var result in tally.Results)
            {
                WriteResult(json, tally.FileOf(result.Index), result);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteResult(Utf8JsonWriter json, string file, PublishResult result)
    {
        json.WriteStartObject();
        json.WriteString("file", file);
        json.WriteNumber("index", result.Index);
        json.WriteString("passportId", result.PassportId);
        json.WriteBoolean("ok", result.Passport is not null);
        json.WriteBoolean("unchanged", result.Passport?.Unchanged == true);
        if (result.Passport is { } passport)
        {
            json.WritePropertyName("passport");
            json.WriteRawValue(PassportFormatter.ToJson(passport));
        }
        else if (result.Error is { } status)
        {
            // Hand-written rather than JsonFormatter: Any details would need a type registry,
            // and scripts want violations flattened the same way the text output shows them.
            var error = RpcErrorDetails.From(status);
            json.WriteStartObject("error");
            json.WriteNumber("code", (int)error.Code);
            json.WriteString("status", error.CodeName);
            json.WriteString("message", error.Message);
            if (error.Reason is not null)
            {
                json.WriteString("reason", error.Reason);
            }

            json.WriteStartArray("violations");
            foreach (var violation in error.Violations)
            {
                json.WriteStartObject();
                json.WriteString("field", violation.Pointer);
                json.WriteString("description", violation.Description);
                if (violation.Reason is not null)
                {
                    json.WriteString("reason", violation.Reason);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

}
