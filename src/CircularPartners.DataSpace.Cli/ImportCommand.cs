using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds passport import FILE --from en18223</c>: publishes a passport from another format and
/// prints the mapping report: each source field and where it landed, each dropped one and why.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The source document (UTF-8, or UTF-16 with a byte-order mark)" };
        var from = new Option<string>("--from") { Description = "Source format: en18223 (EN 18223 / openEPCIS battery passport)", Required = true };
        from.AcceptOnlyFromAmong("en18223");
        var command = new Command("import", "Publish a passport from an established format, with a mapping report") { file, from };
        runner.Bind(command, async (parseResult, context) =>
        {
            var source = await File.ReadAllBytesAsync(parseResult.GetRequiredValue(file).FullName);
            var response = await context.Passports.ImportPassportAsync(new ImportPassportRequest
            {
                Source = ByteString.CopyFrom(source),
                Format = parseResult.GetRequiredValue(from),
            }, context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(response));
                return ExitCodes.Success;
            }
            var report = response.Report;
            context.Out.WriteLine($"published {response.Passport.PassportId} version {response.Passport.Version} ({response.Passport.SchemaId})");
            context.Out.WriteLine($"source: {report.Format}, {report.Encoding}, sha256 {report.SourceSha256}");
            foreach (var mapped in report.Mapped)
            {
                context.Out.WriteLine($"mapped  {mapped.Source} -> {mapped.Target}");
            }
            foreach (var dropped in report.Dropped)
            {
                context.Out.WriteLine($"dropped {dropped.Source}: {dropped.Reason}");
            }
            foreach (var note in report.SchemaNotes)
            {
                context.Out.WriteLine($"note: {note}");
            }
            context.Out.WriteLine($"{report.Mapped.Count} mapped, {report.Dropped.Count} dropped");
            return ExitCodes.Success;
        });
        return command;
    }
}
