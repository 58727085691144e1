using System.Diagnostics;
using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Tests.Sharing;
using CircularPartners.DataSpace.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using TracerProvider = OpenTelemetry.Trace.TracerProvider;

namespace CircularPartners.DataSpace.Tests.Connector;

/// <summary>OpenTelemetry through the real host, with in-memory exporters.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Publish_TelemetryOn_ExportsServerSpanAndCountsThePublishedVersion()
    {
        var telemetry = new ExportedTelemetry();
        using var host = new ConnectorHost(settings: ExportedTelemetry.Settings) { ExtraServices = telemetry.Register };

        await host.PassportClient().PublishAsync(Passports.Request("battery"));

        var span = await telemetry.SpanAsync(s => s.Kind == ActivityKind.Server && ExportedTelemetry.IsCallTo(s, "PassportService/Publish"), "the publish call");
        Assert.NotEqual(default, span.TraceId);
        Assert.Contains(telemetry.Points(host, "cpds.publish.records"),
            p => ExportedTelemetry.Tag(p, "outcome") == "published" && p.GetSumLong() >= 1);
        Assert.Contains(telemetry.Points(host, "cpds.publish.validation.duration"),
            p => ExportedTelemetry.Tag(p, "result") == "valid" && p.GetHistogramCount() >= 1);
    }

    [Fact]
    public async Task Publish_TelemetryOn_LogsOfTheCallCarryItsTraceId()
    {
        var telemetry = new ExportedTelemetry();
        var settings = ExportedTelemetry.Settings;
        settings["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
        using var host = new ConnectorHost(settings: settings) { ExtraServices = telemetry.Register };

        await host.PassportClient().PublishAsync(Passports.Request("cmp"));

        // ASP.NET Core's activity source is shared by every host in this test process, so spans of
        // other tests' publishes reach this exporter too: look for the one whose trace this host logged.
        var span = await telemetry.SpanAsync(s => s.Kind == ActivityKind.Server && ExportedTelemetry.IsCallTo(s, "PassportService/Publish")
            && telemetry.Logs.Any(log => log.CategoryName == "Microsoft.AspNetCore.Hosting.Diagnostics" && log.TraceId == s.TraceId), "the publish call, with its logs");
        Assert.NotEqual(default, span.TraceId);
    }

    [Fact]
    public async Task Publish_InvalidBody_CountsARefusalWithItsReason()
    {
        var telemetry = new ExportedTelemetry();
        using var host = new ConnectorHost(settings: ExportedTelemetry.Settings) { ExtraServices = telemetry.Register };
        var tooDeep = Passports.Request("cmp");
        tooDeep.Json = new string('[', 200) + new string(']', 200);

        await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => host.PassportClient().PublishAsync(tooDeep).ResponseAsync);

        Assert.Contains(telemetry.Points(host, "cpds.publish.records"),
            p => ExportedTelemetry.Tag(p, "outcome") == "refused" && p.GetSumLong() >= 1);
        Assert.Contains(telemetry.Points(host, "cpds.refusals"),
            p => ExportedTelemetry.Tag(p, "rpc.method") == ErrorMappingMethod && ExportedTelemetry.Tag(p, "reason") == "too_deep");
    }

    [Fact]
    public async Task Publish_WithoutCredential_CountsAnUnauthenticatedRefusalOfThePublishMethod()
    {
        var telemetry = new ExportedTelemetry();
        using var host = new ConnectorHost(settings: ExportedTelemetry.Settings) { ExtraServices = telemetry.Register };

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => host.PassportClientWithToken(null).PublishAsync(Passports.Request("cmp")).ResponseAsync);

        Assert.Contains(telemetry.Points(host, "cpds.refusals"),
            p => ExportedTelemetry.Tag(p, "rpc.method") == ErrorMappingMethod && ExportedTelemetry.Tag(p, "reason") == "unauthenticated");
    }

    [Fact]
    public async Task SharedRead_WithDataAccessToken_TracesTheNegotiationAcrossConnectorsAndTheRead()
    {
        var provider = new ExportedTelemetry();
        var consumer = new ExportedTelemetry();
        using var flow = new SharingFlow(ExportedTelemetry.Settings, provider.Register, consumer.Register);

        var (_, token) = await flow.AgreeAsync();
        await flow.RecyclerAtMaker(token.Token).GetAsync(new GetPassportRequest { PassportId = flow.Battery.PassportId });
        var thief = flow.Maker.PassportClientWithToken(flow.Maker.CredentialFor("6010001000006", "venous"), token.Token);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => thief.GetAsync(new GetPassportRequest { PassportId = flow.Battery.PassportId }).ResponseAsync);

        // The consumer's connector: the recycler's call in, and the negotiation out to the provider.
        var negotiate = await consumer.SpanAsync(s => s.Kind == ActivityKind.Server && ExportedTelemetry.IsCallTo(s, "SharingService/Negotiate"), "the negotiation call");
        var outgoing = await consumer.SpanAsync(s => s.Kind == ActivityKind.Client
            && ExportedTelemetry.IsCallTo(s, "ContractNegotiationService/RequestContract") && s.TraceId == negotiate.TraceId,
            "the consumer connector's call to the provider connector, in the negotiation's trace");
        Assert.Equal(negotiate.TraceId, outgoing.TraceId);
        // The provider's connector: the read with the token, audited, and another consumer's read with it refused by rule.
        await provider.SpanAsync(s => s.Kind == ActivityKind.Server && ExportedTelemetry.IsCallTo(s, "PassportService/Get"), "the shared read");
        Assert.Contains(provider.Points(flow.Maker, "cpds.audit.append.duration"), p => p.GetHistogramCount() >= 1);
        Assert.Contains(provider.Points(flow.Maker, "cpds.refusals"), p => ExportedTelemetry.Tag(p, "rpc.method")!.EndsWith("PassportService/Get", StringComparison.Ordinal)
            && ExportedTelemetry.Tag(p, "reason") == "policy_denied" && ExportedTelemetry.Tag(p, "rule") == "token.bound-to-consumer");
    }

    [Fact]
    public void Host_TelemetryNotConfigured_RegistersNoTracerOrMeterProvider()
    {
        using var host = new ConnectorHost();

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("http://collector:4317", null, null, true)]
    [InlineData("http://collector:4317", "false", null, false)]
    [InlineData(null, "true", null, true)]
    [InlineData("http://collector:4317", "true", "true", false)]
    public void IsEnabled_EndpointSettingAndSdkSwitch_DecideTogether(string? endpoint, string? enabled, string? sdkDisabled, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["Telemetry:Enabled"] = enabled,
            ["OTEL_SDK_DISABLED"] = sdkDisabled,
        }).Build();

        Assert.Equal(expected, TelemetryOptions.IsEnabled(configuration));
    }

    [Fact]
    public void AddTelemetry_On_TurnsOnTheAzureSdksActivitySource()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ExportedTelemetry.Settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();

        new ServiceCollection().AddTelemetry(configuration);

        Assert.True(AppContext.TryGetSwitch("Azure.Experimental.EnableActivitySource", out var on) && on);
    }

    [Fact]
    public void Validate_UnknownExporter_FailsNamingTheSettingAndHelmValue()
    {
        var result = new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { Exporter = "Zipkin" });

        Assert.True(result.Failed);
        Assert.Contains("Telemetry:Exporter", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("telemetry.exporter", result.FailureMessage, StringComparison.Ordinal);
    }

    private static readonly string ErrorMappingMethod = $"/{PassportService.Descriptor.FullName}/Publish";
}
