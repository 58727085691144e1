using System.CommandLine;
using System.Text.Json;
using CircularPartners.DataSpace.Storage.FileSystem;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds store verify [DIR]</c>: checks a connector's embedded store offline (it may run beside
/// the connector and changes nothing). Exit 0 when intact, 1 naming every damaged passport version.
/// </summary>
internal static class StoreCommands
{
    public static Command Create(GlobalOptions globalOptions, CliEnvironment environment)
    {
        var directory = new Argument<string>("DIR") { Description = "The connector's data folder (Storage:DataDirectory)", DefaultValueFactory = _ => "data" };
        var verify = new Command("verify", "Check every record of a file store against its hash and name the damaged ones") { directory };
        verify.SetAction(parseResult =>
        {
            StoreVerification result;
            try
            {
                result = StoreVerifier.Verify(parseResult.GetRequiredValue(directory));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ErrorReporting.WriteError(environment.Stderr, ex.Message);
                return ExitCodes.Usage;
            }
            if (parseResult.GetValue(globalOptions.Json))
            {
                environment.Stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    intact = result.Intact,
                    passports = result.Passports,
                    versions = result.Versions,
                    tornTailBytes = result.TornTailBytes,
                    damage = result.Damage.Select(d => new { offset = d.Offset, length = d.Length, versions = d.Versions.Select(v => new { passportId = v.PassportId, version = v.Version }) }),
                }));
            }
            else
            {
                Write(environment.Stdout, result);
            }
            return result.Intact ? ExitCodes.Success : ExitCodes.Rejected;
        });
        return new Command("store", "The connector's embedded file store") { verify, StoreRestoreCommand.Create(globalOptions, environment) };
    }

    private static void Write(TextWriter output, StoreVerification result)
    {
        output.WriteLine($"{(result.Intact ? "intact" : "DAMAGED")}: {result.Versions} intact version(s) of {result.Passports} passport(s)");
        if (result.TornTailBytes > 0)
        {
            output.WriteLine($"torn tail: {result.TornTailBytes} byte(s) after the last complete record (never acknowledged; cut at the next start)");
        }
        foreach (var damage in result.Damage)
        {
            var where = damage.Offset < 0 ? "missing from the log" : $"offset {damage.Offset}, {damage.Length} byte(s)";
            var versions = damage.Versions.Count == 0 ? "no passport recognisable" : string.Join(", ", damage.Versions.Select(v => $"{v.PassportId} v{v.Version}"));
            output.WriteLine($"damaged ({where}): {versions}");
        }
    }
}
