using System.Text.Encodings.Web;
using System.Text.Json;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>Writes the outcome of a publish run: a summary with every failure, or one JSON object.</summary>
internal static class PublishReport
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(IReadOnlyList<string> files, PublishStreamResponse response, CommandContext context)
    {
        if (response.Results.Count != files.Count)
        {
            context.Error.WriteLine($"warning: connector returned {response.Results.Count} result(s) for {files.Count} record(s).");
        }

        if (context.Json)
        {
            WriteJson(files, response, context.Out);
        }
        else
        {
            WriteText(files, response, context.Out);
        }
    }

    private static void WriteText(IReadOnlyList<string> files, PublishStreamResponse response, TextWriter output)
    {
        foreach (var result in response.Results.Where(r => r.OutcomeCase != PublishResult.OutcomeOneofCase.Passport))
        {
            var error = result.Error is null
                ? new RpcErrorDetails(Grpc.Core.StatusCode.Unknown, "no outcome reported", null, [])
                : RpcErrorDetails.From(result.Error);
            var id = result.PassportId.Length > 0 ? $" ({result.PassportId})" : string.Empty;
            output.WriteLine($"FAILED {FileOf(files, result.Index)}{id}: {error.CodeName}: {error.Message}");
            foreach (var line in error.DetailLines())
            {
                output.WriteLine($"  {line}");
            }
        }

        if (files.Count == 1 && response.Results is [{ Passport: { } passport }])
        {
            output.WriteLine($"published {passport.PassportId} version {passport.Version}");
        }

        output.WriteLine($"{response.Published} published, {response.Failed} failed");
    }

    private static void WriteJson(IReadOnlyList<string> files, PublishStreamResponse response, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("published", response.Published);
            json.WriteNumber("failed", response.Failed);
            json.WriteStartArray("results");
            foreach (var result in response.Results)
            {
                WriteResult(json, FileOf(files, result.Index), result);
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

    private static string FileOf(IReadOnlyList<string> files, int index) =>
        index >= 0 && index < files.Count ? files[index] : $"(record {index})";
}
