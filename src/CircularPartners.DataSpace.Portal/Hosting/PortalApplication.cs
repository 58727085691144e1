namespace CircularPartners.DataSpace.Portal.Hosting;

/// <summary>Builds the portal; the browser tests build the same application on a free port.</summary>
public static class PortalApplication
{
    /// <param name="args">Command line (settings as <c>--Portal:Connector=...</c>).</param>
    /// <param name="services">Registrations added after the portal's own (tests route the channels).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The compiled pages live in this assembly; the content root is only for appsettings.
            ApplicationName = typeof(PortalApplication).Assembly.GetName().Name,
        });
        builder.AddPortalSettingsFile();
        builder.Services.AddPortal(builder.Configuration);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<DevelopmentAutoSignIn>();
        app.UseAuthorization();
        app.MapRazorPages();
        return app;
    }
}
