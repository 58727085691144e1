using System.CommandLine;
using Grpc.Net.Client;

namespace CircularPartners.DataSpace.Cli;

/// <summary>Entry point of <c>cpds</c>: builds the command tree and runs one command line.</summary>
internal static class CliApp
{
    /// <summary>Runs <paramref name="args"/> and returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="stdout">Results.</param>
    /// <param name="stderr">Errors and hints.</param>
    /// <param name="channelFactory">
    /// Channel for a connector address, e.g. an in-process test server; the caller disposes it.
    /// Default: <see cref="GrpcChannel.ForAddress(Uri)"/>, disposed after the command.
    /// </param>
    public static Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        Func<Uri, GrpcChannel>? channelFactory = null) =>
        RunAsync(args, CliEnvironment.Create(stdout, stderr, channelFactory));

    /// <summary>Same as above, with the environment (variables, clock, terminal) under the caller's control.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        try
        {
            var parseResult = BuildRoot(environment).Parse(args);
            if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpWithEpilogAction)
            {
                // Our own reporting rather than the default ParseErrorAction: usage errors exit 2,
                // not 1, which is reserved for records the connector refused.
                foreach (var error in parseResult.Errors)
                {
                    ErrorReporting.WriteError(environment.Stderr, error.Message);
                }

                environment.Stderr.WriteLine("Run 'cpds --help' (or '<command> --help') for usage.");
                return ExitCodes.Usage;
            }

            var configuration = new InvocationConfiguration
            {
                Output = environment.Stdout,
                Error = environment.Stderr,
                EnableDefaultExceptionHandler = false,
            };
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception ex)
        {
            // Command bodies report their own errors; this only catches failures in the parser itself.
            return ErrorReporting.ReportUnexpected(ex, environment.Stderr);
        }
    }

    internal static RootCommand BuildRoot(CliEnvironment environment)
    {
        var globalOptions = new GlobalOptions();
        var runner = new CommandRunner(globalOptions, environment);

        var root = new RootCommand("cpds: command-line client for the CircularPartners data-space connector")
        {
            StatusCommand.Create(runner),
            PassportCommands.Create(runner),
            EventCommands.Create(runner),
            MemberCommands.Create(runner),
            GoalCommands.Create(runner),
            AnalyticsCommands.Create(runner),
            RegistryCommands.Create(runner),
            DelegationCommands.Create(runner),
            Bench.BenchCommands.Create(runner),
            StoreCommands.Create(globalOptions, environment),
            ReceiptCommands.Create(runner),
        };
        foreach (var command in SharingCommands.Create(runner))
        {
            root.Subcommands.Add(command);
        }

        globalOptions.AddTo(root);
        HelpWithEpilogAction.Install(root, ExitCodes.HelpEpilog);
        return root;
    }
}
