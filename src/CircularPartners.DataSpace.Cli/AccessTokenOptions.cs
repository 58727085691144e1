using System.CommandLine;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>--access-token JWT | --access-token-file PATH</c> on the reading commands: a data-access
/// token from <c>cpds token AGREEMENT</c>, presented to the provider's connector (set
/// <c>--connector</c> to it) next to one's own membership credential.
/// </summary>
internal sealed class AccessTokenOptions
{
    /// <summary>The header the connector reads the token from (<c>ReadAccessResolver.HeaderName</c>).</summary>
    public const string HeaderName = "x-data-access-token";

    public Option<string?> Token { get; } = new("--access-token")
    {
        Description = "Data-access token of an agreement (from 'cpds token'); read on the provider's connector",
        HelpName = "JWT",
    };

    public Option<string?> File { get; } = new("--access-token-file")
    {
        Description = "File holding the data-access token, e.g. written by 'cpds token AGREEMENT > token.jwt'",
        HelpName = "PATH",
    };

    /// <summary>Adds both options to <paramref name="command"/>; giving both is a usage error.</summary>
    public static AccessTokenOptions AddTo(Command command)
    {
        var options = new AccessTokenOptions();
        command.Options.Add(options.Token);
        command.Options.Add(options.File);
        command.Validators.Add(result =>
        {
            if (result.GetResult(options.Token) is not null && result.GetResult(options.File) is not null)
            {
                result.AddError("--access-token and --access-token-file are mutually exclusive.");
            }
        });
        return options;
    }

    /// <summary>The token to send, or <see langword="null"/> to read with one's membership alone (public fields).</summary>
    public string? Read(ParseResult parseResult)
    {
        var token = parseResult.GetValue(Token);
        var source = "--access-token";
        if (parseResult.GetValue(File) is { } path)
        {
            source = $"--access-token-file {path}";
            try
            {
                token = System.IO.File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new CliUsageException($"access token file not found: {path}.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"cannot read access token file {path}: {ex.Message}");
            }
        }

        if (token is null)
        {
            return null;
        }

        // `$(cpds token A)` and editors leave a trailing newline that must not reach the header.
        token = token.Trim();
        return token.Length == 0 || token.Any(char.IsWhiteSpace)
            ? throw new CliUsageException($"{source} does not hold a single JWT.")
            : token;
    }
}
