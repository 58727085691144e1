using System.Threading.RateLimiting;
using CircularPartners.DataSpace.Connector.Grpc;
using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Sharing;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Who may call: the membership-credential authentication scheme behind <c>[Authorize]</c>, and
/// the public view's per-address rate limit. The limiter keeps an address only for its window;
/// nothing else about an anonymous reader is kept.
/// </summary>
internal static class AccessServiceCollectionExtensions
{
    public static IServiceCollection AddCallerAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(MembershipAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, MembershipAuthenticationHandler>(MembershipAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddOptions<PublicViewOptions>().Bind(configuration.GetSection(PublicViewOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(PublicViewOptions.RateLimitPolicy, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IOptions<PublicViewOptions>>().Value.PermitsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            options.OnRejected = (context, _) => new ValueTask(GrpcErrorResponse.WriteAsync(context.HttpContext, StatusCode.ResourceExhausted,
                "Too many requests from this client; retry in a minute."));
        });
        return services;
    }

    public static WebApplication UseCallerAccess(this WebApplication app)
    {
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
