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
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, null, body, cancellationToken));

    /// <summary>
    /// Like <see cref="Bind(Command, CommandBody)"/>, but the call goes to the connector that
    /// <paramref name="provider"/> names when it is given (a provider's), instead of <c>--connector</c>.
    /// </summary>
    public void Bind(Command command, Argument<string?> provider, CommandBody body) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, provider, body, cancellationToken));

    /// <summary>Runs <paramref name="body"/> against <c>--connector</c> from an action of the caller's own.</summary>
    public Task<int> RunAsync(ParseResult parseResult, CommandBody body, CancellationToken cancellationToken) =>
        RunAsync(parseResult, null, body, cancellationToken);

    /// <summary>Where this invocation writes, for commands that need no connector.</summary>
    public CliEnvironment Environment => environment;

    private async Task<int> RunAsync(ParseResult parseResult, Argument<string?>? provider, CommandBody body, CancellationToken cancellationToken)
    {
        ConnectionOptions? connection = null;
        try
        {
            var providerAddress = provider is null ? null : parseResult.GetValue(provider);
            if (providerAddress is not null && !Uri.TryCreate(providerAddress, UriKind.Absolute, out _))
            {
                // A participant id, as `negotiate` takes: one's own connector looks up the address
                // the participant registered with the secretariat.
                connection = ConnectionOptions.Resolve(parseResult, globalOptions, environment);
                providerAddress = await ConnectorAddressOfAsync(connection, providerAddress, cancellationToken);
            }
            connection = ConnectionOptions.Resolve(parseResult, globalOptions, environment, providerAddress);
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

    private async Task<string> ConnectorAddressOfAsync(ConnectionOptions own, string participantId, CancellationToken cancellationToken)
    {
        var channel = environment.ChannelFactory?.Invoke(own.Connector) ?? GrpcChannel.ForAddress(own.Connector);
        try
        {
            var participant = await new Contracts.V1.MembershipService.MembershipServiceClient(channel).GetParticipantAsync(
                new Contracts.V1.GetParticipantRequest { ParticipantId = participantId },
                new Metadata { { "authorization", "Bearer " + own.Token } }, cancellationToken: cancellationToken);
            return participant.ConnectorAddress.Length > 0
                ? participant.ConnectorAddress
                : throw new CliUsageException($"participant {participantId} has registered no connector address.");
        }
        finally
        {
            if (environment.ChannelFactory is null)
            {
                channel.Dispose();
            }
        }
    }
}
