using Grpc.Net.Client;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// Everything a command touches outside its arguments, so tests can run the CLI in-process
/// with captured output, a fake environment and an in-memory connector.
/// </summary>
/// <param name="Stdout">Results (tables, JSON).</param>
/// <param name="Stderr">One-line errors and hints.</param>
/// <param name="ChannelFactory">
/// Creates the channel for a connector address; the caller owns (and disposes) what it returns.
/// <see langword="null"/>: a fresh channel per run, disposed when the command ends.
/// </param>
/// <param name="GetEnvironmentVariable">Reads <c>CPDS_*</c> defaults.</param>
/// <param name="TimeProvider">Source of call deadlines.</param>
/// <param name="IsInteractive">Stdout is a terminal: enables colour and the progress bar.</param>
internal sealed record CliEnvironment(
    TextWriter Stdout,
    TextWriter Stderr,
    Func<Uri, GrpcChannel>? ChannelFactory,
    Func<string, string?> GetEnvironmentVariable,
    TimeProvider TimeProvider,
    bool IsInteractive)
{
    public static CliEnvironment Create(TextWriter stdout, TextWriter stderr, Func<Uri, GrpcChannel>? channelFactory) =>
        new(
            stdout,
            stderr,
            channelFactory,
            Environment.GetEnvironmentVariable,
            TimeProvider.System,
            // A captured writer (tests, pipes) never gets ANSI sequences or a progress bar.
            ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);
}
