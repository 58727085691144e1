using System.Text.Json;
using CircularPartners.DataSpace.Connector.Hosting;
using Grpc.AspNetCore.Server;
using Grpc.Core;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>
/// Answers a call refused before it reached a service (authentication, rate limits) the way the
/// service itself would: a trailers-only gRPC status for gRPC clients, and the transcoding's
/// <c>google.rpc.Status</c> JSON with the matching HTTP status for REST clients. Counted as a
/// refusal like those the services answer (<see cref="ConnectorMetrics"/>).
/// </summary>
internal static class GrpcErrorResponse
{
    public static Task WriteAsync(HttpContext context, StatusCode code, string message)
    {
        // The gRPC method, not the path: REST paths carry ids, and a tag must stay low-cardinality.
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName ?? "unmatched";
        context.RequestServices.GetService<ConnectorMetrics>()?.Failed(method, new Google.Rpc.Status { Code = (int)code },
            publish: string.Equals(method, ErrorMappingInterceptor.PublishMethod, StringComparison.Ordinal));
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
