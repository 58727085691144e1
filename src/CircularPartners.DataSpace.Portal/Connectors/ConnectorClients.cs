using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Hosting;
using CircularPartners.DataSpace.Portal.Identity;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Portal.Connectors;

/// <summary>
/// The generated gRPC clients, each call carrying the signed-in member's own membership credential,
/// so the connector decides what this member may see and do; the portal adds no rights of its own.
/// </summary>
internal sealed class ConnectorClients(IConnectorChannels channels, IHttpContextAccessor accessor, IOptions<PortalOptions> options, TimeProvider time)
{
    public MembershipService.MembershipServiceClient Membership => new(Invoker(channels.Secretariat, Credential));

    public RegistryService.RegistryServiceClient Registry => new(Invoker(channels.Secretariat, Credential));

    /// <summary>The member's own connector's registry endpoint: it measures there and reports to the secretariat's.</summary>
    public RegistryService.RegistryServiceClient HomeRegistry => new(Invoker(channels.Home, Credential));

    public PassportService.PassportServiceClient Passports => new(Invoker(channels.Home, Credential));

    public SharingService.SharingServiceClient Sharing => new(Invoker(channels.Home, Credential));

    /// <summary>Membership calls made with another credential (the development sign-in's).</summary>
    public MembershipService.MembershipServiceClient MembershipAs(string credential) => new(Invoker(channels.Secretariat, credential));

    /// <summary>A deadline for every call, and the page request's cancellation.</summary>
    public CallOptions Options() => new(
        deadline: time.GetUtcNow().UtcDateTime.AddSeconds(options.Value.CallTimeoutSeconds),
        cancellationToken: accessor.HttpContext?.RequestAborted ?? CancellationToken.None);

    private string? Credential => accessor.HttpContext?.User.FindFirst(PortalClaims.Credential)?.Value;

    private static CallInvoker Invoker(GrpcChannel channel, string? credential) => channel.Intercept(metadata =>
    {
        if (!string.IsNullOrEmpty(credential))
        {
            metadata.Add("authorization", "Bearer " + credential);
        }
        return metadata;
    });
}
