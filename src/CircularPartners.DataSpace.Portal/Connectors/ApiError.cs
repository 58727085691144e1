using Google.Rpc;
using Grpc.Core;

namespace CircularPartners.DataSpace.Portal.Connectors;

/// <summary>One field the connector found wrong, and why.</summary>
public sealed record FieldProblem(string Field, string Description);

/// <summary>
/// A connector's refusal in plain words: what kind of failure (the page words it in the member's
/// language), the connector's own explanation, the rule that refused and the fields that are wrong.
/// Never a stack trace: only what the connector chose to send.
/// </summary>
public sealed record ApiError(ApiErrorKind Kind, string Message, string? Rule, IReadOnlyList<FieldProblem> Fields)
{
    public static ApiError From(RpcException exception)
    {
        var kind = exception.StatusCode switch
        {
            StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled => ApiErrorKind.Unavailable,
            StatusCode.Unauthenticated => ApiErrorKind.Unauthenticated,
            StatusCode.PermissionDenied => ApiErrorKind.Refused,
            StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => ApiErrorKind.Invalid,
            StatusCode.NotFound => ApiErrorKind.NotFound,
            StatusCode.AlreadyExists or StatusCode.Aborted => ApiErrorKind.Conflict,
            StatusCode.ResourceExhausted => ApiErrorKind.Busy,
            _ => ApiErrorKind.Other,
        };
        // A transport failure's detail names sockets and handlers: not for a member's eyes.
        var message = kind == ApiErrorKind.Unavailable ? "" : exception.Status.Detail;
        string? rule = null;
        var fields = new List<FieldProblem>();
        if (exception.GetRpcStatus() is { } status)
        {
            foreach (var detail in status.Details)
            {
                if (detail.TryUnpack(out BadRequest badRequest))
                {
                    fields.AddRange(badRequest.FieldViolations.Select(v => new FieldProblem(v.Field, v.Description)));
                }
                else if (detail.TryUnpack(out ErrorInfo info))
                {
                    rule ??= info.Metadata.TryGetValue("rule", out var named) ? named : info.Reason;
                }
            }
        }
        return new ApiError(kind, message, string.IsNullOrEmpty(rule) ? null : rule, fields);
    }
}

public enum ApiErrorKind
{
    Unavailable,
    Unauthenticated,
    Refused,
    Invalid,
    NotFound,
    Conflict,
    Busy,
    Other,
}
