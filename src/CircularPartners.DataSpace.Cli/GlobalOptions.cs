using System.CommandLine;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// Options accepted by every command. Defaults are resolved later by
/// <see cref="ConnectionOptions.Resolve"/> rather than by option default factories, so the
/// environment is read through <see cref="CliEnvironment"/> and help output stays stable.
/// </summary>
internal sealed class GlobalOptions
{
    public Option<string?> Connector { get; } = new("--connector")
    {
        Description = $"Connector gRPC address; http:// means HTTP/2 without TLS. Default: ${ConnectionOptions.ConnectorVariable} or {ConnectionOptions.DefaultConnector}",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string?> Credential { get; } = new("--credential")
    {
        Description = $"File holding the membership credential (JWT). Default: ${ConnectionOptions.CredentialVariable} or {ConnectionOptions.DefaultCredentialPath}",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Machine-readable JSON output",
        Recursive = true,
    };

    public Option<double?> Timeout { get; } = new("--timeout")
    {
        Description = "Deadline for each call to the connector, in seconds",
        HelpName = "SECONDS",
        Recursive = true,
    };

    public GlobalOptions()
    {
        Timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is <= 0)
            {
                result.AddError("--timeout must be a positive number of seconds.");
            }
        });
    }

    public void AddTo(Command root)
    {
        root.Options.Add(Connector);
        root.Options.Add(Credential);
        root.Options.Add(Json);
        root.Options.Add(Timeout);
    }
}
