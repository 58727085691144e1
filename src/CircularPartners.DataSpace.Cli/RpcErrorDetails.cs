using System.Text;
using Google.Rpc;
using Grpc.Core;
using RpcStatus = Google.Rpc.Status;

namespace CircularPartners.DataSpace.Cli;

/// <summary>One field-level problem: a JSON Pointer into the published document and why it failed.</summary>
internal sealed record FieldProblem(string Pointer, string Description, string? Reason);

/// <summary>
/// A connector error flattened from <c>google.rpc.Status</c>, shared by unary errors and the
/// per-record results of PublishStream so both read the same on screen and in JSON.
/// </summary>
internal sealed record RpcErrorDetails(StatusCode Code, string Message, string? Reason, IReadOnlyList<FieldProblem> Violations)
{
    public string CodeName => ToConstantName(Code);

    public static RpcErrorDetails From(RpcStatus status)
    {
        string? reason = null;
        var violations = new List<FieldProblem>();
        foreach (var detail in status.Details)
        {
            if (detail.TryUnpack(out BadRequest badRequest))
            {
                violations.AddRange(badRequest.FieldViolations.Select(v =>
                    new FieldProblem(v.Field, v.Description, string.IsNullOrEmpty(v.Reason) ? null : v.Reason)));
            }
            else if (detail.TryUnpack(out ErrorInfo info) && !string.IsNullOrEmpty(info.Reason))
            {
                // A policy denial names the rule that denied; it is the part a user acts on.
                reason ??= info.Metadata.TryGetValue("rule", out var rule) ? $"{info.Reason} (rule {rule})" : info.Reason;
            }
        }

        return new RpcErrorDetails((StatusCode)status.Code, status.Message, reason, violations);
    }

    public static RpcErrorDetails From(RpcException exception)
    {
        // A rich status is only present when the connector sent one; transport failures carry
        // just the status code and detail text.
        var rich = exception.GetRpcStatus();
        if (rich is null)
        {
            return new RpcErrorDetails(exception.StatusCode, exception.Status.Detail, null, []);
        }

        var details = From(rich);
        return details with
        {
            Code = exception.StatusCode,
            Message = string.IsNullOrEmpty(details.Message) ? exception.Status.Detail : details.Message,
        };
    }

    /// <summary>Lines under the headline: the reason and one <c>pointer: description</c> per violation.</summary>
    public IEnumerable<string> DetailLines()
    {
        if (Reason is not null)
        {
            yield return $"reason: {Reason}";
        }

        foreach (var violation in Violations)
        {
            var pointer = violation.Pointer.Length == 0 ? "(document)" : violation.Pointer;
            yield return violation.Reason is null
                ? $"{pointer}: {violation.Description}"
                : $"{pointer}: {violation.Description} [{violation.Reason}]";
        }
    }

    // The gRPC spelling (INVALID_ARGUMENT) is what connector logs and docs use.
    private static string ToConstantName(StatusCode code)
    {
        var name = code.ToString();
        if (int.TryParse(name, out _))
        {
            return $"CODE_{name}";
        }

        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }
}
