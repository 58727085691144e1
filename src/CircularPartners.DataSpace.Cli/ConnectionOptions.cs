using System.CommandLine;

namespace CircularPartners.DataSpace.Cli;

/// <summary>Where to connect and as whom, resolved from options, environment and defaults.</summary>
/// <param name="Connector">The connector's gRPC address.</param>
/// <param name="CredentialPath">File the bearer token was read from (named in error messages).</param>
/// <param name="Token">The membership credential sent as <c>authorization: Bearer</c>.</param>
/// <param name="Timeout">Per-call deadline; <see langword="null"/> waits indefinitely.</param>
internal sealed record ConnectionOptions(Uri Connector, string CredentialPath, string Token, TimeSpan? Timeout)
{
    public const string ConnectorVariable = "CPDS_CONNECTOR";
    public const string CredentialVariable = "CPDS_CREDENTIAL";
    public const string DefaultConnector = "http://127.0.0.1:5080";
    public const string DefaultCredentialPath = "./data/identity/credential.jwt";

    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="options">The global options.</param>
    /// <param name="environment">Variables and defaults.</param>
    /// <param name="provider">
    /// A provider connector's address given as the command's argument; when set it replaces
    /// <c>--connector</c>, since the call is made on the provider's connector with one's own credential.
    /// </param>
    public static ConnectionOptions Resolve(ParseResult parseResult, GlobalOptions options, CliEnvironment environment, string? provider = null)
    {
        var connector = provider is not null
            ? ParseConnector(provider, "PROVIDER")
            : ParseConnector(
                FirstNonEmpty(
                    parseResult.GetValue(options.Connector),
                    environment.GetEnvironmentVariable(ConnectorVariable),
                    DefaultConnector),
                $"--connector or ${ConnectorVariable}");
        var credentialPath = FirstNonEmpty(
            parseResult.GetValue(options.Credential),
            environment.GetEnvironmentVariable(CredentialVariable),
            DefaultCredential());
        var seconds = parseResult.GetValue(options.Timeout);

        return new ConnectionOptions(
            connector,
            credentialPath,
            ReadToken(credentialPath),
            seconds is { } s ? TimeSpan.FromSeconds(s) : null);
    }

    /// <summary>
    /// <c>./data/identity/credential.jwt</c>, or, from anywhere inside a checkout, the one under the
    /// repository root's <c>data/</c>, where the connector's development profile writes it.
    /// </summary>
    private static string DefaultCredential()
    {
        if (File.Exists(DefaultCredentialPath))
        {
            return DefaultCredentialPath;
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CircularPartners.DataSpace.sln")))
            {
                var candidate = Path.Combine(dir.FullName, "data", "identity", "credential.jwt");
                return File.Exists(candidate) ? candidate : DefaultCredentialPath;
            }
        }
        return DefaultCredentialPath;
    }

    private static string FirstNonEmpty(params string?[] candidates) =>
        candidates.First(candidate => !string.IsNullOrWhiteSpace(candidate))!.Trim();

    private static Uri ParseConnector(string value, string source)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        throw new CliUsageException(
            $"invalid connector address '{value}': expected http://host:port or https://host:port ({source}).");
    }

    private static string ReadToken(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliUsageException(
                $"credential file not found: {path} (set --credential or ${CredentialVariable}).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read credential file {path}: {ex.Message}");
        }

        // Files written by editors or `echo` end with a newline that must not reach the header.
        var token = text.Trim();
        if (token.Length == 0 || token.Any(char.IsWhiteSpace))
        {
            throw new CliUsageException($"credential file {path} does not hold a single JWT.");
        }

        return token;
    }
}
