using System.Text.Json;
using Grpc.Core;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>
/// Answers a call refused before it reached a service (authentication, rate limits) the way the
/// service itself would: a trailers-only gRPC status for gRPC clients, and the transcoding's
/// <c>google.rpc.Status</c> JSON with the matching HTTP status for REST clients.
/// </summary>
internal static class GrpcErrorResponse
{
    public static Task WriteAsync(HttpContext context, StatusCode code, string message)
    {
        var response = context.Response;
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            return Task.CompletedTask;
        }
        response.StatusCode = code switch
        {
            StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
            StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
            StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status400BadRequest,
        };
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(new { code = (int)code, message, details = Array.Empty<object>() }));
    }
}
