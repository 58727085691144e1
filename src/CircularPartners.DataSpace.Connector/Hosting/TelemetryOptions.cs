using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Hosting;

/// <summary>
/// Whether the connector exports traces, metrics and logs with OpenTelemetry (configuration
/// section <c>Telemetry</c>). Where they go is set by the standard <c>OTEL_*</c> environment
/// variables (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>,
/// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>, ...); see docs/operations.md.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The standard variable naming the OTLP collector; setting it switches telemetry on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// On or off; unset (the default) = on exactly when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// <c>OTEL_SDK_DISABLED=true</c> turns it off whatever this says.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Where telemetry goes when on: <c>Otlp</c> (default; configured by the <c>OTEL_*</c>
    /// variables) or <c>None</c> (instrumented but exported nowhere, for in-process exporters).
    /// </summary>
    public string Exporter { get; set; } = "Otlp";

    /// <summary>Whether telemetry is on under <paramref name="configuration"/> (see <see cref="Enabled"/>).</summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        if (string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var options = configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        return options.Enabled ?? !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
    }

    internal bool ExportsOtlp => string.Equals(Exporter, "Otlp", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Names the telemetry setting to fix.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
        options.ExportsOtlp || string.Equals(options.Exporter, "None", StringComparison.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Telemetry:Exporter must be Otlp or None, not '{options.Exporter}' (Helm: telemetry.exporter).");
}
