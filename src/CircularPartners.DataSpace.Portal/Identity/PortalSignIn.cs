using System.Security.Claims;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Connectors;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CircularPartners.DataSpace.Portal.Identity;

/// <summary>
/// Signs a member in with its membership credential: the secretariat's connector must accept the
/// credential first; the session then keeps it (encrypted in the cookie) to pass on with every call.
/// </summary>
internal sealed class PortalSignIn(ConnectorClients clients)
{
    public async Task<ApiError?> SignInAsync(HttpContext context, string credential)
    {
        credential = credential.Trim();
        if (CredentialPeek.Read(credential) is not { } facts)
        {
            return new ApiError(ApiErrorKind.Invalid, "", null, [new FieldProblem("credential", "not a membership credential (a JWT: three dot-separated parts)")]);
        }
        string name = facts.ParticipantId;
        try
        {
            var self = await clients.MembershipAs(credential).GetParticipantAsync(new GetParticipantRequest { ParticipantId = facts.ParticipantId }, clients.Options());
            name = self.Name.Length > 0 ? self.Name : name;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            // Accepted, but not in the registry (the connector's own development participant).
        }
        catch (RpcException ex)
        {
            return ApiError.From(ex);
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, facts.ParticipantId),
            new(ClaimTypes.Name, name),
            new(PortalClaims.Credential, credential),
        };
        claims.AddRange(facts.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        // A browser-session cookie: when the credential expires or is revoked, the connector refuses
        // the next call and the page asks the member to sign in again.
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        return null;
    }
}
