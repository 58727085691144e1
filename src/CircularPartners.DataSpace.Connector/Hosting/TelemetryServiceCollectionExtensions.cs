using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Registers the connector's metrics and, when telemetry is on (<see cref="TelemetryOptions"/>),
/// OpenTelemetry: traces of incoming gRPC/REST calls, outgoing calls to other connectors and the
/// Azure SDK; the connector's metrics with ASP.NET Core's; logs carrying their trace and span.
/// Off, no listener is registered, so instrumented code costs a flag check per call.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    public const string DefaultServiceName = "circularpartners-dataspace";

    /// <summary>The Azure SDK's documented switch for its ActivitySource-based tracing.</summary>
    private const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<ConnectorMetrics>();
        services.AddSingleton<Domain.Validation.IValidationObserver>(sp => sp.GetRequiredService<ConnectorMetrics>());
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        if (!TelemetryOptions.IsEnabled(configuration))
        {
            return services;
        }
        // Read by Azure.Core once, when its first client is built (after this, before any request).
        AppContext.SetSwitch(AzureActivitySourceSwitch, true);
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
        var version = typeof(TelemetryServiceCollectionExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: version))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                // The Azure SDK traces its own HTTP requests ("Azure.Core.Http"); do not trace them twice.
                .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = _ => Activity.Current?.Parent?.Source.Name != "Azure.Core.Http")
                .AddSource("Grpc.Net.Client", "Azure.*"))
            .WithMetrics(metrics => metrics
                .AddMeter(ConnectorMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            });
        var exporter = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (exporter.ExportsOtlp)
        {
            telemetry.UseOtlpExporter();
        }
        return services;
    }

    /// <summary>Health probes arrive every few seconds from the platform; tracing them would drown the calls that matter.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.Ordinal) || path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal);
}
