using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds event append PASSPORT --event FILE --key PEM</c>: writes a lifecycle event back to a
/// passport on its provider's connector, signed with the member's own key (ES256 over the UTF-8
/// bytes of the event JSON, as registered with the secretariat in the participant's signing keys).
/// </summary>
internal static class EventCommands
{
    public static Command Create(CommandRunner runner) =>
        new("event", "Lifecycle events written back to passports (recycled, repaired, ...)") { Append(runner) };

    private static Command Append(CommandRunner runner)
    {
        var id = new Argument<string>("PASSPORT") { Description = "Passport id" };
        var eventFile = new Option<string>("--event")
        {
            Description = "File with the event JSON, e.g. {\"type\": \"recycled\", \"occurredAt\": \"2026-11-28T10:00:00+09:00\"}; - reads stdin",
            HelpName = "FILE",
            Required = true,
        };
        var key = new Option<string>("--key")
        {
            Description = "PEM file with your ES256 private signing key (its public half registered with the secretariat)",
            HelpName = "PEM",
            Required = true,
        };
        var command = new Command("append", "Sign an event with your key and append it to a passport (on the provider's connector, with --access-token)")
        {
            id, eventFile, key,
        };
        var accessToken = AccessTokenOptions.AddTo(command);
        runner.Bind(command, async (parseResult, context) =>
        {
            var eventJson = await ReadEventAsync(parseResult.GetRequiredValue(eventFile));
            var request = new AppendEventRequest
            {
                PassportId = parseResult.GetRequiredValue(id),
                EventJson = eventJson,
                Signature = Sign(eventJson, parseResult.GetRequiredValue(key)),
            };
            var recorded = await context.Passports.AppendEventAsync(request, context.CallOptions(accessToken.Read(parseResult)));
            context.Out.WriteLine(context.Json
                ? PassportFormatter.ToJson(recorded)
                : $"appended event {recorded.EventId} ({recorded.Type}) to {recorded.PassportId}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<string> ReadEventAsync(string path)
    {
        try
        {
            var text = path == "-" ? await Console.In.ReadToEndAsync() : await File.ReadAllTextAsync(path);
            return text.Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read the event file {path}: {ex.Message}");
        }
    }

    /// <summary>Base64url ES256 signature (IEEE P1363, r||s) over the UTF-8 bytes of the event JSON.</summary>
    internal static string Sign(string eventJson, string keyPath)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(keyPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            throw new CliUsageException($"cannot read an EC private key from {keyPath} (--key): {ex.Message}");
        }
        var signature = key.SignData(Encoding.UTF8.GetBytes(eventJson), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
