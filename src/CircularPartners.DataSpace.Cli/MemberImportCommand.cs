using System.CommandLine;
using System.Text;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds member import --members FILE --goals FILE</c>: the secretariat's existing member list
/// and goals from CSV. Members go first, so the goals of new members are accepted.
/// </summary>
internal static class MemberImportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var members = new Option<string?>("--members") { Description = "CSV of members: participant_id,name,industry,kind,roles,joined_on", HelpName = "FILE" };
        var goals = new Option<string?>("--goals") { Description = "CSV of goals (see docs/goals.md for the columns)", HelpName = "FILE" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check and report only; store nothing" };
        var command = new Command("import", "Import members and goals from CSV (secretariat only); refused rows are listed with line and reason, re-importing changes nothing")
        {
            members, goals, dryRun,
        };
        runner.Bind(command, async (parseResult, context) =>
        {
            var membersFile = parseResult.GetValue(members);
            var goalsFile = parseResult.GetValue(goals);
            if (membersFile is null && goalsFile is null)
            {
                throw new CliUsageException("give --members FILE, --goals FILE or both");
            }
            var client = new MembershipService.MembershipServiceClient(context.Invoker);
            var refused = 0;
            if (membersFile is not null)
            {
                var report = await client.ImportMembersAsync(new ImportMembersRequest { Csv = ReadCsv(membersFile, "--members"), DryRun = parseResult.GetValue(dryRun) }, context.CallOptions());
                refused += Print(context, "members", membersFile, report);
            }
            if (goalsFile is not null)
            {
                var report = await client.ImportGoalsAsync(new ImportGoalsRequest { Csv = ReadCsv(goalsFile, "--goals"), DryRun = parseResult.GetValue(dryRun) }, context.CallOptions());
                refused += Print(context, "goals", goalsFile, report);
            }
            return refused > 0 ? ExitCodes.Rejected : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// UTF-8 (with or without BOM); a file that is not valid UTF-8 is read as Shift_JIS, which is
    /// what Excel on Japanese Windows saves as "CSV".
    /// </summary>
    internal static string ReadCsv(string path, string option)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read {path} ({option}): {ex.Message}");
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(932).GetString(bytes);
        }
    }

    private static int Print(CommandContext context, string what, string file, ImportReport report)
    {
        if (context.Json)
        {
            context.Out.WriteLine(PassportFormatter.ToJson(report));
            return report.Refused;
        }
        var dry = report.DryRun ? " (dry run: nothing stored)" : "";
        context.Out.WriteLine($"{what} ({Path.GetFileName(file)}): {report.Rows} rows, {report.Created} created, {report.Updated} updated, {report.Unchanged} unchanged, {report.Refused} refused{dry}");
        foreach (var problem in report.Problems)
        {
            var key = problem.Key.Length > 0 ? $" ({problem.Key})" : "";
            context.Out.WriteLine($"  line {problem.Line}{key} {problem.Field}: {problem.Reason}");
        }
        return report.Refused;
    }
}
