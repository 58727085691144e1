using CircularPartners.DataSpace.Connector.DigitalLink;
using CircularPartners.DataSpace.Connector.Grpc;
using CircularPartners.DataSpace.Connector.Hosting;
using CircularPartners.DataSpace.Domain.Passports;

var builder = WebApplication.CreateBuilder(args).AddExecutableSettings();
var limits = builder.Configuration.GetSection(PassportOptions.Section).Get<PassportOptions>() ?? new PassportOptions();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services
    .AddPassports(builder.Configuration)
    .AddPassportStore(builder.Configuration)
    .AddBackup(builder.Configuration)
    .AddMembershipIdentity(builder.Configuration)
    .AddCallerAccess(builder.Configuration)
    .AddSharing(builder.Configuration)
    .AddPublishing(builder.Configuration)
    .AddMembership(builder.Configuration)
    .AddRegistry(builder.Configuration)
    .AddConnectorGrpc(limits)
    .AddRestOpenApi()
    .AddTelemetry(builder.Configuration);

var app = builder.Build();
app.MapRestOpenApi();
app.UseCallerAccess();
app.MapGrpcService<PassportGrpcService>();
app.MapGrpcService<SharingGrpcService>();
app.MapGrpcService<ContractNegotiationGrpcService>();
app.MapGrpcService<MembershipGrpcService>();
app.MapRegistry();
app.MapGrpcService<DiagnosticsGrpcService>();
app.MapGrpcService<DelegationGrpcService>();
app.MapGrpcReflectionService();
app.MapGrpcHealthChecksService();
app.MapHealthEndpoints();
app.MapDigitalLink();

return await StartupGuard.RunAsync(app);

/// <summary>The entry point, visible to the in-process test host.</summary>
public partial class Program;
