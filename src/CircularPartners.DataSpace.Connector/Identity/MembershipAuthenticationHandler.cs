using System.Security.Claims;
using System.Text.Encodings.Web;
using CircularPartners.DataSpace.Connector.Grpc;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Domain.Errors;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Identity;

/// <summary>
/// Authenticates a call by its membership credential (<c>authorization: Bearer &lt;JWT&gt;</c>).
/// Services say who may call with <c>[Authorize]</c> / <c>[AllowAnonymous]</c>; a refused or
/// missing credential on a protected call becomes UNAUTHENTICATED with the reason, for gRPC and
/// REST clients alike. A refused credential presented with one of our data-access tokens is
/// audited (<see cref="RefusedCredentialAudit"/>).
/// </summary>
internal sealed class MembershipAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    MembershipCredentialValidator validator, RefusedCredentialAudit refusals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "MembershipCredential";
    private const string Missing = "A membership credential is required: send 'authorization: Bearer <JWT>'.";

    // The validator hands out one Caller per cached credential, so its principal is built once too.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Domain.Identity.Caller, ClaimsPrincipal> Principals = [];

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var credential = header["Bearer ".Length..].Trim();
        try
        {
            var caller = await validator.ValidateAsync(credential);
            CallerContext.Set(Context, caller, credential);
            var principal = Principals.GetValue(caller, static c => new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim("sub", c.ParticipantId), .. c.Roles.Select(r => new Claim("roles", r))], SchemeName, "sub", "roles")));
            return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
        }
        catch (UnauthenticatedException refused)
        {
            await refusals.RecordAsync(Request.Headers[ReadAccessResolver.HeaderName], Request.Path);
            return AuthenticateResult.Fail(refused.Message);
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await GrpcErrorResponse.WriteAsync(Context, StatusCode.Unauthenticated, result.Failure?.Message ?? Missing);
    }
}
