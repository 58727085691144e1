using Google.Rpc;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>
/// Reads why a call was refused from the status <see cref="ErrorStatusMapper"/> made, as metric
/// tags of bounded cardinality: a reason (ErrorInfo reason, first BadRequest reason, precondition
/// type, or the status code) and the rule or limit that refused it.
/// </summary>
internal static class RefusalReasons
{
    /// <summary>The caller's request was turned down (its fault or policy), as opposed to a failure of ours or of storage.</summary>
    public static bool IsRefusal(int code) => (Code)code is Code.InvalidArgument or Code.PermissionDenied or Code.Unauthenticated
        or Code.ResourceExhausted or Code.FailedPrecondition or Code.Aborted or Code.AlreadyExists or Code.OutOfRange;

    public static (string Reason, string Rule) Of(Status status)
    {
        foreach (var detail in status.Details)
        {
            if (detail.TryUnpack<ErrorInfo>(out var info))
            {
                var rule = info.Metadata.TryGetValue("rule", out var r) ? r : info.Metadata.TryGetValue("limit", out var l) ? l : "";
                return (info.Reason.ToLowerInvariant(), rule);
            }
            if (detail.TryUnpack<BadRequest>(out var bad) && bad.FieldViolations.Count > 0)
            {
                return (bad.FieldViolations[0].Reason, "");
            }
            if (detail.TryUnpack<PreconditionFailure>(out var precondition) && precondition.Violations.Count > 0)
            {
                return (precondition.Violations[0].Type.ToLowerInvariant(), "");
            }
        }
        return (CodeName((Code)status.Code), "");
    }

    private static string CodeName(Code code) => code switch
    {
        Code.InvalidArgument => "invalid_argument",
        Code.PermissionDenied => "permission_denied",
        Code.Unauthenticated => "unauthenticated",
        Code.ResourceExhausted => "resource_exhausted",
        Code.FailedPrecondition => "failed_precondition",
        Code.Aborted => "aborted",
        Code.AlreadyExists => "already_exists",
        Code.OutOfRange => "out_of_range",
        _ => "other",
    };
}
