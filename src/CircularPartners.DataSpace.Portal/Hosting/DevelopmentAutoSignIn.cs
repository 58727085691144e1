using CircularPartners.DataSpace.Portal.Identity;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Portal.Hosting;

/// <summary>
/// Development profile (<c>Portal:DevelopmentAutoSignIn</c>): a visitor who is not signed in is
/// signed in as the development credential's participant, so the quick start opens on the portal.
/// </summary>
internal sealed class DevelopmentAutoSignIn(RequestDelegate next, IOptions<PortalOptions> options)
{
    public async Task InvokeAsync(HttpContext context, DevelopmentParticipants development, PortalSignIn signIn)
    {
        if (options.Value.DevelopmentAutoSignIn
            && context.User.Identity?.IsAuthenticated != true
            && HttpMethods.IsGet(context.Request.Method)
            && !context.Request.Path.StartsWithSegments("/SignIn", StringComparison.OrdinalIgnoreCase)
            && development.Credential() is { } credential
            && await signIn.SignInAsync(context, credential) is null)
        {
            // The cookie is set on this response; the next request carries it.
            context.Response.Redirect(context.Request.PathBase + context.Request.Path + context.Request.QueryString);
            return;
        }
        await next(context);
    }
}
