using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CircularPartners.DataSpace.Portal.Connectors;
using CircularPartners.DataSpace.Portal.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace CircularPartners.DataSpace.Portal.Hosting;

internal static class PortalServiceCollectionExtensions
{
    /// <summary>Japanese first: most members read Japanese; English is one switch away.</summary>
    public static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("ja"), CultureInfo.GetCultureInfo("en")];

    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConnectorChannels, ConnectorChannels>();
        services.AddHttpContextAccessor();
        services.AddScoped<ConnectorClients>();
        services.AddScoped<PortalSignIn>();
        services.AddScoped<DevelopmentParticipants>();

        // Japanese as characters, not numeric references: readable source, a third of the bytes.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("ja");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            // The member's choice (a cookie) first, then the browser's languages.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.LoginPath = "/SignIn";
            options.AccessDeniedPath = "/SignIn";
            options.Cookie.Name = "cpds.portal";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthorization();
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AllowAnonymousToPage("/Language");
            options.Conventions.AllowAnonymousToPage("/Error");
        }).AddViewLocalization();
        return services;
    }
}
