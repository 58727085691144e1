using System.Security.Cryptography;
using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>
/// The real connector host in-process (WebApplicationFactory) on its own data directory, with a
/// fake clock and helpers to mint membership credentials from the development issuer.
/// </summary>
public sealed class ConnectorHost : WebApplicationFactory<Program>
{
    private readonly TempDirectory? _ownedData;
    private readonly Dictionary<string, string>? _settings;
    private CredentialIssuer? _issuer;

    /// <summary>The participant most tests publish as: the operator of every test connector unless told otherwise.</summary>
    public const string DefaultOperator = "1010001000001";

    /// <summary>The participant this connector runs for (<c>Connector:Operator</c>; empty: not set); only it and its delegates publish.</summary>
    public string Operator { get; init; } = DefaultOperator;

    /// <summary>Routes this connector's calls to other connectors (by address) to in-process hosts.</summary>
    public IConnectorChannels? Network { get; init; }

    /// <summary>Registrations added after the connector's own (e.g. in-memory telemetry exporters).</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    /// <summary>Captures what the host logs (Information and above), for tests that assert on logging.</summary>
    public CapturedLogs? Logs { get; init; }

    /// <param name="dataDirectory">An existing data directory to reuse (a restart); a fresh one when null.</param>
    public ConnectorHost(string? dataDirectory = null, Dictionary<string, string>? settings = null)
    {
        _ownedData = dataDirectory is null ? new TempDirectory() : null;
        DataDirectory = dataDirectory ?? _ownedData!.Path;
        _settings = settings;
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    public string DataDirectory { get; }
    public const string Audience = "circularpartners-dataspace";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Passports:SchemaDirectory", RepositoryPaths.Schemas);
        if (Operator.Length > 0)
        {
            builder.UseSetting("Connector:Operator", Operator);
        }
        foreach (var (key, value) in _settings ?? [])
        {
            builder.UseSetting(key, value);
        }
        // appsettings.json's Logging section outranks SetMinimumLevel: quiet the test host through
        // the same settings, so a test run prints warnings and errors only.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (Logs is not null)
            {
                // A rule for this provider alone outranks the general ones above.
                logging.AddProvider(Logs);
                logging.AddFilter<CapturedLogs>(null, LogLevel.Information);
            }
        });
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (Network is not null)
            {
                services.RemoveAll<IConnectorChannels>();
                services.AddSingleton(Network);
            }
            ExtraServices?.Invoke(services);
        });
    }

    /// <summary>Signs credentials with the development issuer's key the host created.</summary>
    public CredentialIssuer Issuer
    {
        get
        {
            if (_issuer is null)
            {
                _ = Services; // starts the host, which creates the development issuer
                var key = ECDsa.Create();
                key.ImportFromPem(File.ReadAllText(Path.Combine(DataDirectory, "identity", "dev-issuer.key.pem")));
                _issuer = new CredentialIssuer("urn:circularpartners:dev-issuer", key, Clock);
            }
            return _issuer;
        }
    }

    public string CredentialFor(string participantId, params string[] roles) =>
        Issuer.Issue(participantId, roles.Length == 0 ? ["arterial"] : roles, Audience, TimeSpan.FromHours(1));

    public GrpcChannel Channel() => GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
    {
        HttpHandler = Server.CreateHandler(),
        MaxReceiveMessageSize = 64 * 1024 * 1024,
        MaxSendMessageSize = 64 * 1024 * 1024,
    });

    /// <summary>A passport client whose calls carry a credential for <paramref name="participantId"/>.</summary>
    public PassportService.PassportServiceClient PassportClient(string participantId = "1010001000001", params string[] roles) =>
        PassportClientWithToken(CredentialFor(participantId, roles));

    public PassportService.PassportServiceClient PassportClientWithToken(string? token, string? accessToken = null) =>
        new(Invoker(token, accessToken));

    public SharingService.SharingServiceClient SharingClient(string participantId, params string[] roles) =>
        new(Invoker(CredentialFor(participantId, roles)));

    public DelegationService.DelegationServiceClient DelegationClient(string participantId) =>
        new(Invoker(CredentialFor(participantId)));

    /// <summary>
    /// The operator delegates publishing to <paramref name="participantId"/> for
    /// <paramref name="economicOperators"/> (default: the example passports' economic operators).
    /// </summary>
    public Contracts.V1.Delegation Delegate(string participantId, params string[] economicOperators) =>
        DelegationClient(Operator).AddDelegation(new AddDelegationRequest
        {
            ParticipantId = participantId,
            EconomicOperators = { economicOperators.Length > 0 ? economicOperators : Passports.ExampleEconomicOperators },
        });

    /// <summary>Calls carrying a membership credential and, optionally, a data-access token.</summary>
    public CallInvoker Invoker(string? token, string? accessToken = null) => Channel().Intercept(metadata =>
    {
        if (token is not null)
        {
            metadata.Add("authorization", "Bearer " + token);
        }
        if (accessToken is not null)
        {
            metadata.Add("x-data-access-token", accessToken);
        }
        return metadata;
    });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _ownedData?.Dispose();
        }
    }
}
