using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Registry;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>
/// The one place where failures become gRPC statuses. Domain exceptions carry messages meant for
/// the caller; anything else becomes INTERNAL with no detail beyond a correlation id.
/// </summary>
internal static class ErrorStatusMapper
{
    /// <param name="callerGone">The call's own token fired: the caller cancelled or its connection dropped.</param>
    public static Google.Rpc.Status ToStatus(Exception exception, string correlationId, bool callerGone = false) =>
        callerGone && IsCallerGone(exception)
            ? new Google.Rpc.Status { Code = (int)Code.Cancelled, Message = "The call was cancelled." }
            : StatusOf(exception, correlationId);

    /// <summary>How a caller that went away surfaces in a handler still reading or writing its streams.</summary>
    public static bool IsCallerGone(Exception exception) => exception is OperationCanceledException or IOException;

    private static Google.Rpc.Status StatusOf(Exception exception, string correlationId) => exception switch
    {
        PassportValidationException invalid => WithDetails(Code.InvalidArgument, invalid.Message, BadRequestOf(invalid.Violations)),
        RegistryValidationException invalid => WithDetails(Code.InvalidArgument, invalid.Message, BadRequestOf(invalid.Violations)),
        RegistryItemNotFoundException notFound => WithDetails(Code.NotFound, notFound.Message,
            new ResourceInfo { ResourceType = notFound.Kind, ResourceName = notFound.Id }),
        PassportNotFoundException notFound => WithDetails(Code.NotFound, notFound.Message,
            new ResourceInfo { ResourceType = "passport", ResourceName = notFound.PassportId }),
        StoreDataLossException damaged => WithDetails(Code.DataLoss, damaged.Message,
            new ResourceInfo { ResourceType = "passport", ResourceName = damaged.PassportId, Description = $"version {damaged.Version}" }),
        VersionConflictException conflict => WithDetails(Code.Aborted, conflict.Message, new ErrorInfo
        {
            Reason = "VERSION_CONFLICT",
            Domain = "circularpartners.dataspace",
            Metadata = { ["expectedVersion"] = conflict.Expected.ToString(), ["currentVersion"] = conflict.Actual.ToString() },
        }),
        PermissionDeniedException denied => WithDetails(Code.PermissionDenied, denied.Message, new ErrorInfo
        {
            Reason = "POLICY_DENIED",
            Domain = "circularpartners.dataspace",
            Metadata = { ["rule"] = denied.Rule },
        }),
        LimitExceededException limited => WithDetails(Code.ResourceExhausted, limited.Message, new ErrorInfo
        {
            Reason = "LIMIT_EXCEEDED",
            Domain = "circularpartners.dataspace",
            Metadata = { ["limit"] = limited.Limit, ["retryAfterSeconds"] = RetrySeconds(limited.RetryAfter) },
        }),
        PassportWithdrawnException withdrawn => WithDetails(Code.FailedPrecondition, withdrawn.Message,
            new PreconditionFailure { Violations = { new PreconditionFailure.Types.Violation { Type = "WITHDRAWN", Description = withdrawn.Message } } }),
        ResourceNotFoundException missing => WithDetails(Code.NotFound, missing.Message,
            new ResourceInfo { ResourceType = missing.ResourceType, ResourceName = missing.Name }),
        RemoteNotFoundException remoteMissing => WithDetails(Code.NotFound, remoteMissing.Message,
            new ResourceInfo { ResourceType = remoteMissing.ResourceType, ResourceName = remoteMissing.Name }),
        RemoteUnavailableException remote => new Google.Rpc.Status { Code = (int)Code.Unavailable, Message = remote.Message },
        UnauthenticatedException unauthenticated => new Google.Rpc.Status { Code = (int)Code.Unauthenticated, Message = unauthenticated.Message },
        ConcurrentUpdateException raced => new Google.Rpc.Status { Code = (int)Code.Aborted, Message = raced.Message },
        StoreUnavailableException unavailable => new Google.Rpc.Status { Code = (int)Code.Unavailable, Message = unavailable.Message },
        DomainException other => new Google.Rpc.Status { Code = (int)Code.FailedPrecondition, Message = other.Message },
        // A status passed on from another connector (a forwarded registry call) keeps its details.
        RpcException rpc => rpc.GetRpcStatus() ?? new Google.Rpc.Status { Code = (int)rpc.StatusCode, Message = rpc.Status.Detail },
        OperationCanceledException => new Google.Rpc.Status { Code = (int)Code.Cancelled, Message = "The call was cancelled." },
        _ => new Google.Rpc.Status { Code = (int)Code.Internal, Message = $"An internal error occurred (correlation id {correlationId})." },
    };

    private static string RetrySeconds(TimeSpan? retryAfter) =>
        retryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";

    public static bool IsInternal(Google.Rpc.Status status) => status.Code == (int)Code.Internal;

    private static BadRequest BadRequestOf(IReadOnlyList<Domain.Validation.Violation> violations)
    {
        var badRequest = new BadRequest();
        foreach (var violation in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = violation.Pointer,
                Description = violation.Message,
                Reason = violation.Kind,
            });
        }
        return badRequest;
    }

    private static Google.Rpc.Status WithDetails(Code code, string message, Google.Protobuf.IMessage detail) =>
        new() { Code = (int)code, Message = message, Details = { Any.Pack(detail) } };
}
