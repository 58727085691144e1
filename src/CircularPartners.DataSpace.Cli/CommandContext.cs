using CircularPartners.DataSpace.Contracts.V1;
using Grpc.Core;
using Spectre.Console;

namespace CircularPartners.DataSpace.Cli;

/// <summary>What a command handler needs for one invocation: a client, call options and output.</summary>
internal sealed class CommandContext(
    CallInvoker invoker,
    ConnectionOptions connection,
    CliEnvironment environment,
    bool json,
    CancellationToken cancellationToken)
{
    private readonly string bearer = $"Bearer {connection.Token}";

    public PassportService.PassportServiceClient Passports { get; } = new(invoker);

    /// <summary>The same channel, for the other command groups' clients (e.g. the registry).</summary>
    public CallInvoker Invoker { get; } = invoker;

    public ConnectionOptions Connection { get; } = connection;

    /// <summary>Channels to other connectors (e.g. a provider); <see langword="null"/>: open and dispose your own.</summary>
    public Func<Uri, Grpc.Net.Client.GrpcChannel>? ChannelFactory => environment.ChannelFactory;

    public bool Json { get; } = json;

    /// <summary>Stdout is a terminal and output is for humans: progress bars are welcome.</summary>
    public bool ShowProgress => environment.IsInteractive && !Json;

    public TextWriter Out => environment.Stdout;

    public TextWriter Error => environment.Stderr;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Rich output (tables, progress) on stdout; plain text when stdout is not a terminal.</summary>
    public IAnsiConsole Console { get; } = CreateConsole(environment);

    /// <summary>Options for one call; the deadline starts now, so each page of a query gets the full timeout.</summary>
    public CallOptions CallOptions() => CallOptions(dataAccessToken: null);

    /// <summary>
    /// Options for one call on a provider's connector: the membership credential says who calls,
    /// the data-access token (when given) what an agreement grants.
    /// </summary>
    public CallOptions CallOptions(string? dataAccessToken)
    {
        var headers = new Metadata { { "authorization", bearer } };
        if (dataAccessToken is not null)
        {
            headers.Add(AccessTokenOptions.HeaderName, dataAccessToken);
        }

        return new(headers, Deadline(), CancellationToken);
    }

    private DateTime? Deadline() =>
        Connection.Timeout is { } timeout ? environment.TimeProvider.GetUtcNow().UtcDateTime + timeout : null;

    private static IAnsiConsole CreateConsole(CliEnvironment environment)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(environment.Stdout),
            Ansi = environment.IsInteractive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = environment.IsInteractive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = environment.IsInteractive ? InteractionSupport.Detect : InteractionSupport.No,
        });

        if (!environment.IsInteractive)
        {
            // Captured output has no terminal width; wide enough that tables do not wrap ids.
            console.Profile.Width = 240;
        }

        return console;
    }
}
