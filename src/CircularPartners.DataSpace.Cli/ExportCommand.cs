using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds passport export ID --format en18223|untp [--output FILE]</c>: the passport in an
/// established format, as the caller may read it. A UNTP credential is written as the signed
/// compact JWS (verify it with the connector's release key); the fields the format has no place
/// for are listed on stderr, so nothing is lost without a word.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = new Argument<string>("ID") { Description = "Passport id" };
        var format = new Option<string>("--format") { Description = "en18223 (EN 18223 battery JSON) or untp (signed UNTP DPP credential)", Required = true };
        format.AcceptOnlyFromAmong("en18223", "untp");
        var output = new Option<string?>("--output") { Description = "Write the export to FILE instead of stdout", HelpName = "FILE" };
        var command = new Command("export", "Export a passport as EN 18223 JSON or a signed UNTP credential") { id, format, output };
        var accessToken = AccessTokenOptions.AddTo(command);
        runner.Bind(command, async (parseResult, context) =>
        {
            var export = await context.Passports.ExportPassportAsync(new ExportPassportRequest
            {
                PassportId = parseResult.GetRequiredValue(id),
                Format = parseResult.GetRequiredValue(format),
            }, context.CallOptions(accessToken.Read(parseResult)));
            var text = context.Json ? PassportFormatter.ToJson(export) : export.Jws.Length > 0 ? export.Jws : export.Json;
            if (parseResult.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, text + Environment.NewLine);
            }
            else
            {
                context.Out.WriteLine(text);
            }
            foreach (var pointer in export.Unmapped)
            {
                context.Error.WriteLine($"not exported (no {export.Format} field): {pointer}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
