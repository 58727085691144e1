using Grpc.Core;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// Turns failures into one headline on stderr (plus indented field violations) and an exit code.
/// Never prints stack traces: users act on the message, not on our internals.
/// </summary>
internal static class ErrorReporting
{
    public static int Report(RpcException exception, Uri connector, TimeSpan? timeout, TextWriter stderr)
    {
        var error = RpcErrorDetails.From(exception);
        var headline = error.Code switch
        {
            // No transport error: the connector itself answered UNAVAILABLE, about another party (a
            // provider, the registry) or its store; its message names which.
            StatusCode.Unavailable when exception.Status.DebugException is null => $"connector {connector} answered UNAVAILABLE: {error.Message}",
            StatusCode.Unavailable => $"connector {connector} is unreachable: {WithCause(error.Message, exception)}",
            StatusCode.DeadlineExceeded => timeout is { } t
                ? $"connector {connector} did not answer within {t.TotalSeconds:0.###} s (--timeout)."
                : $"connector {connector} did not answer in time: {error.Message}",
            StatusCode.Unauthenticated => $"{error.CodeName}: connector {connector} refused the credential: {error.Message} (check --credential, and --connector: is this the connector you meant?).",
            StatusCode.PermissionDenied => $"{error.CodeName} at connector {connector}: {error.Message}",
            _ => $"{error.CodeName}: {error.Message}",
        };

        WriteError(stderr, headline);
        foreach (var line in error.DetailLines())
        {
            stderr.WriteLine($"  {line}");
        }

        return ExitCodes.FromStatusCode(error.Code);
    }

    // "Error connecting to subchannel." alone does not say whether the port is closed or the
    // name does not resolve; the transport's innermost message does.
    private static string WithCause(string message, RpcException exception)
    {
        var cause = exception.Status.DebugException;
        while (cause?.InnerException is not null)
        {
            cause = cause.InnerException;
        }

        return cause is null || message.Contains(cause.Message, StringComparison.Ordinal)
            ? message
            : $"{message.TrimEnd('.')} ({cause.Message.TrimEnd('.')}).";
    }

    public static int Report(CliUsageException exception, TextWriter stderr)
    {
        WriteError(stderr, exception.Message);
        return ExitCodes.Usage;
    }

    public static int ReportUnexpected(Exception exception, TextWriter stderr)
    {
        WriteError(stderr, $"{exception.GetType().Name}: {exception.Message}");
        return ExitCodes.Other;
    }

    public static void WriteError(TextWriter stderr, string message) => stderr.WriteLine($"cpds: error: {message}");
}
