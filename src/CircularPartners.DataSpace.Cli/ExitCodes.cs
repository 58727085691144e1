using Grpc.Core;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// Process exit codes of <c>cpds</c>; the one place where gRPC status codes become exit codes.
/// Scripts depend on these numbers, so they are part of the CLI contract (see README.md).
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Rejected = 1;
    public const int Usage = 2;
    public const int NotFound = 3;
    public const int Auth = 4;
    public const int Unreachable = 5;
    public const int Other = 6;

    /// <summary>Shown at the end of every <c>--help</c> page.</summary>
    public const string HelpEpilog = """
        Exit codes:
          0  success
          1  some records failed validation, or the connector refused the input
             (INVALID_ARGUMENT, FAILED_PRECONDITION, ABORTED, ALREADY_EXISTS, OUT_OF_RANGE)
          2  usage error: bad arguments, missing file or credential
          3  not found (NOT_FOUND)
          4  authentication or permission (UNAUTHENTICATED, PERMISSION_DENIED)
          5  connector unreachable or unavailable (UNAVAILABLE, DEADLINE_EXCEEDED)
          6  any other error
        """;

    public static int FromStatusCode(StatusCode code) => code switch
    {
        StatusCode.OK => Success,
        StatusCode.InvalidArgument
            or StatusCode.FailedPrecondition
            or StatusCode.Aborted
            or StatusCode.AlreadyExists
            or StatusCode.OutOfRange => Rejected,
        StatusCode.NotFound => NotFound,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => Auth,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => Unreachable,
        _ => Other,
    };
}
