using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// Runs a command body against the connector: resolves the connection, owns the channel, and
/// maps every failure to a one-line message and an exit code.
/// </summary>
internal sealed class CommandRunner(GlobalOptions globalOptions, CliEnvironment environment)
{
    public delegate Task<int> CommandBody(ParseResult parseResult, CommandContext context);

    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>.</summary>
    public void Bind(Command command, CommandBody body) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, body, cancellationToken));

    private async Task<int> RunAsync(ParseResult parseResult, CommandBody body, CancellationToken cancellationToken)
    {
        ConnectionOptions? connection = null;
        try
        {
            connection = ConnectionOptions.Resolve(parseResult, globalOptions, environment);
            var ownsChannel = environment.ChannelFactory is null;
            var channel = environment.ChannelFactory?.Invoke(connection.Connector)
                ?? GrpcChannel.ForAddress(connection.Connector);
            try
            {
                var context = new CommandContext(
                    channel.CreateCallInvoker(),
                    connection,
                    environment,
                    parseResult.GetValue(globalOptions.Json),
                    cancellationToken);
                return await body(parseResult, context);
            }
            finally
            {
                if (ownsChannel)
                {
                    channel.Dispose();
                }
            }
        }
        catch (CliUsageException ex)
        {
            return ErrorReporting.Report(ex, environment.Stderr);
        }
        catch (RpcException ex) when (connection is not null)
        {
            return ErrorReporting.Report(ex, connection.Connector, connection.Timeout, environment.Stderr);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ErrorReporting.WriteError(environment.Stderr, "cancelled.");
            return ExitCodes.Other;
        }
        catch (Exception ex)
        {
            return ErrorReporting.ReportUnexpected(ex, environment.Stderr);
        }
    }
}
