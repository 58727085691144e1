using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds audit list | verify | export</c>: the owner's hash-chained access log on its connector.
/// <c>verify</c> exits 1 and names the first broken link when the chain does not verify.
/// </summary>
internal static class AuditCommands
{
    // Records per ListAudit call while exporting; the connector's own default page.
    private const int ExportPage = 1000;

    public static Command Create(CommandRunner runner) =>
        new("audit", "Every access decision on your data: list, verify the hash chain, export")
        {
            List(runner),
            Verify(runner),
            Export(runner),
        };

    private static Command List(CommandRunner runner)
    {
        var from = new Option<long>("--from") { Description = "First sequence number to show", HelpName = "SEQ" };
        var limit = new Option<int>("--limit") { Description = "Show at most N records (connector default 1000)", HelpName = "N" };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--limit must be a positive number.");
            }
        });
        var command = new Command("list", "List the access decisions about your data, oldest first") { from, limit };
        runner.Bind(command, async (parseResult, context) =>
        {
            var response = await SharingCommands.Client(context).ListAuditAsync(
                new ListAuditRequest { FromSequence = parseResult.GetValue(from), Limit = parseResult.GetValue(limit) }, context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
                return ExitCodes.Success;
            }

            context.Console.Write(SharingFormatter.AuditTable(response.Records));
            context.Out.WriteLine($"{response.Records.Count} record(s)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify(CommandRunner runner)
    {
        var command = new Command("verify",
            "Re-read the connector's audit log and check its hash chain, and that it still reaches its last signed head and the head its witness (the membership registry) holds");
        runner.Bind(command, async (_, context) =>
        {
            var result = await SharingCommands.Client(context).VerifyAuditAsync(new VerifyAuditRequest(), context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(result));
            }
            else if (result.Intact)
            {
                context.Out.WriteLine($"audit chain intact: {result.Entries} record(s); {Heads(result)}");
            }

            if (!result.Intact)
            {
                ErrorReporting.WriteError(context.Error, $"audit chain broken at sequence {result.FirstBrokenSequence}: {result.Problem}");
                return ExitCodes.Rejected;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Heads(VerifyAuditResponse result) =>
        (result.SignedHeadSequence > 0 ? $"signed head {result.SignedHeadSequence}" : "no signed head yet")
        + (result.WitnessedHeadSequence > 0 ? $", witnessed head {result.WitnessedHeadSequence}" : ", no witnessed head")
        + $" (witness: {result.Witness})";

    private static Command Export(CommandRunner runner)
    {
        var format = new Option<string>("--format") { Description = "jsonl (one AuditRecord per line) or csv", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<FileInfo?>("--output") { Description = "Write to this file instead of stdout", HelpName = "FILE" };
        var command = new Command("export", "Export every record about your data, for an auditor or a spreadsheet") { format, output };
        runner.Bind(command, async (parseResult, context) =>
        {
            var csv = parseResult.GetRequiredValue(format) == "csv";
            var file = parseResult.GetValue(output);
            var writer = file is null ? context.Out : OpenForWriting(file);
            var count = 0;
            try
            {
                var from = 1L;
                ListAuditResponse page;
                do
                {
                    page = await SharingCommands.Client(context).ListAuditAsync(
                        new ListAuditRequest { FromSequence = from, Limit = ExportPage, Format = csv ? "csv" : "" }, context.CallOptions());
                    await WritePageAsync(writer, page, csv, firstPage: count == 0);
                    count += page.Records.Count;
                    from = page.Records.Count > 0 ? page.Records[^1].Sequence + 1 : from;
                }
                while (page.Records.Count == ExportPage);
                await writer.FlushAsync(context.CancellationToken);
            }
            finally
            {
                if (file is not null)
                {
                    await writer.DisposeAsync();
                }
            }

            if (file is not null)
            {
                context.Out.WriteLine($"exported {count} audit record(s) to {file.FullName}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WritePageAsync(TextWriter writer, ListAuditResponse page, bool csv, bool firstPage)
    {
        if (!csv)
        {
            foreach (var record in page.Records)
            {
                await writer.WriteLineAsync(PassportFormatter.ToJson(record));
            }

            return;
        }

        // Each page's export starts with the header row; the file has it once.
        var text = page.Export;
        if (!firstPage)
        {
            var header = text.IndexOf('\n', StringComparison.Ordinal);
            text = header < 0 ? "" : text[(header + 1)..];
        }

        await writer.WriteAsync(text);
    }

    private static StreamWriter OpenForWriting(FileInfo file)
    {
        try
        {
            return new StreamWriter(file.FullName, append: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot write {file.FullName}: {ex.Message}");
        }
    }
}
