using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using Grpc.Core;

namespace CircularPartners.DataSpace.Connector.Identity;

/// <summary>
/// The participant behind a call, as <see cref="MembershipAuthenticationHandler"/> authenticated
/// it, and the credential it presented (forwarded when this connector acts for it elsewhere).
/// </summary>
internal static class CallerContext
{
    private const string CallerKey = "cpds.caller";
    private const string CredentialKey = "cpds.credential";

    public static Caller CallerOf(ServerCallContext context) => OptionalCallerOf(context) ?? throw new UnauthenticatedException("No credential.");

    /// <summary>The caller, or null on the public view when no credential was presented.</summary>
    public static Caller? OptionalCallerOf(ServerCallContext context) =>
        context.GetHttpContext().Items.TryGetValue(CallerKey, out var caller) ? (Caller?)caller : null;

    public static string CredentialOf(ServerCallContext context) =>
        context.GetHttpContext().Items.TryGetValue(CredentialKey, out var credential) ? (string)credential! : throw new UnauthenticatedException("No credential.");

    public static void Set(HttpContext context, Caller caller, string credential)
    {
        context.Items[CallerKey] = caller;
        context.Items[CredentialKey] = credential;
    }
}
