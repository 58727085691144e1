using System.Security.Claims;

namespace CircularPartners.DataSpace.Portal.Identity;

/// <summary>What the sign-in cookie (encrypted by ASP.NET Core data protection) carries.</summary>
internal static class PortalClaims
{
    /// <summary>The member's membership credential, passed on to the connector with every call.</summary>
    public const string Credential = "cpds:credential";

    public static string ParticipantId(this ClaimsPrincipal user) => user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "";

    /// <summary>
    /// Roles read from the credential, only to decide which forms to offer; the connector checks
    /// the credential itself on every call and refuses what the role does not allow.
    /// </summary>
    public static bool HasRole(this ClaimsPrincipal user, string role) => user.IsInRole(role);

    public static bool IsSecretariat(this ClaimsPrincipal user) => user.IsInRole("secretariat");
}
