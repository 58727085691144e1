using System.CommandLine;
using System.Text;
using System.Text.Json;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// Release receipts: <c>cpds passport get ... --save-receipt FILE</c> keeps the body as received
/// with the provider's signed receipt; <c>cpds receipt verify FILE</c> checks that the receipt is
/// the provider's (its published key, from <c>--key</c> or asked of the provider's connector at
/// <c>--connector</c>) and that the body hashes to what the provider signed.
/// </summary>
internal static class ReceiptCommands
{
    public static Option<string?> SaveOption() => new("--save-receipt")
    {
        Description = "Keep the provider's signed receipt with the body as received in FILE (JSON), for `cpds receipt verify`",
        HelpName = "FILE",
    };

    /// <summary>Writes the kept receipt; nothing when the passport came without one (no agreement behind the read).</summary>
    public static void Save(CommandContext context, Passport passport, string path)
    {
        if (passport.Receipt is not { Jws.Length: > 0 } receipt)
        {
            context.Error.WriteLine("no receipt: this read was not a release under an agreement (send --access-token).");
            return;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("passportId", passport.PassportId);
            writer.WriteNumber("version", passport.Version);
            writer.WriteString("agreementId", receipt.AgreementId);
            writer.WriteString("bodySha256", receipt.BodySha256);
            writer.WriteString("receipt", receipt.Jws);
            writer.WriteString("json", passport.Json);
            writer.WriteEndObject();
        }
        File.WriteAllBytes(path, buffer.ToArray());
        context.Error.WriteLine($"receipt kept in {path}");
    }

    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "A receipt kept with --save-receipt" };
        var key = new Option<string?>("--key") { Description = "The provider's published key (PEM file); asked of --connector when omitted", HelpName = "PEM" };
        var verify = new Command("verify", "Check a kept receipt: signed by the provider, and the body is exactly what it signed") { file, key };
        verify.SetAction((parseResult, cancellationToken) =>
        {
            var keyPath = parseResult.GetValue(key);
            return keyPath is not null
                ? Task.FromResult(Verify(runner.Environment.Stdout, runner.Environment.Stderr, parseResult.GetRequiredValue(file), ReadKey(keyPath, runner.Environment.Stderr)))
                : runner.RunAsync(parseResult, async (result, context) =>
                {
                    var published = await new ContractNegotiationService.ContractNegotiationServiceClient(context.Invoker)
                        .GetReleaseKeyAsync(new ReleaseKeyRequest(), context.CallOptions());
                    return Verify(context.Out, context.Error, result.GetRequiredValue(file), published.PublicKeyPem);
                }, cancellationToken);
        });
        return new Command("receipt", "Release receipts a provider signed for what it sent you") { verify };
    }

    private static string? ReadKey(string path, TextWriter stderr)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ErrorReporting.WriteError(stderr, $"cannot read key file {path}: {ex.Message}");
            return null;
        }
    }

    private static int Verify(TextWriter stdout, TextWriter stderr, string path, string? keyPem)
    {
        if (keyPem is null)
        {
            return ExitCodes.Usage;
        }
        string receipt;
        string body;
        try
        {
            using var kept = JsonDocument.Parse(File.ReadAllText(path, Encoding.UTF8));
            receipt = kept.RootElement.GetProperty("receipt").GetString() ?? "";
            body = kept.RootElement.GetProperty("json").GetString() ?? "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            ErrorReporting.WriteError(stderr, $"{path} is not a kept receipt (JSON with \"receipt\" and \"json\"): {ex.Message}");
            return ExitCodes.Usage;
        }
        var check = ReleaseReceipt.Verify(receipt, keyPem, body);
        if (!check.Valid)
        {
            ErrorReporting.WriteError(stderr, $"receipt NOT valid: {check.Problem}");
            return ExitCodes.Rejected;
        }
        var r = check.Receipt!;
        stdout.WriteLine($"receipt valid: {r.PassportId} version {r.Version} released by {r.Provider} to {r.Consumer} under {r.AgreementId}");
        stdout.WriteLine($"body sha256 {r.BodySha256}, issued {r.IssuedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}, receipt {r.ReceiptId}");
        return ExitCodes.Success;
    }
}
