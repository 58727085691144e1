using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.Errors;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// The witness of this connector's audit heads: the membership registry at
/// <c>Identity:RegistryAddress</c>, outside this connector's control; this connector's own
/// witness store when it is the registry or stands alone.
/// </summary>
internal sealed class AuditHeadWitness(IOptions<IdentityOptions> identity, IOptions<AuditOptions> audit, IConnectorChannels channels, AuditWitness local, TimeProvider time)
{
    /// <summary>A witness that does not answer within this is treated as unreachable.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private string? Registry => identity.Value.RegistryAddress is { Length: > 0 } address ? address : null;

    /// <summary>This connector's log among its participant's replicas (<c>Audit:LogId</c>).</summary>
    public string LogId => audit.Value.LogId ?? "";

    /// <summary>The registry's address, or "local".</summary>
    public string Name => Registry ?? "local";

    /// <summary>The latest head witnessed for the participant; throws <see cref="RemoteUnavailableException"/> when the registry does not answer.</summary>
    public async Task<Domain.Audit.SignedAuditHead?> LatestOfAsync(string participantId, CancellationToken cancellationToken)
    {
        if (Registry is not { } registry)
        {
            return local.LatestOf(participantId, LogId);
        }
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            var head = await Client(registry).GetWitnessedAuditHeadAsync(new GetWitnessedAuditHeadRequest { ParticipantId = participantId, LogId = LogId },
                cancellationToken: budget.Token);
            return AuditHeadMapper.ToDomain(head);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (Exception ex) when (ex is RpcException or HttpRequestException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            throw new RemoteUnavailableException($"The audit witness at {registry} did not answer ({Describe(ex)}).", ex);
        }
    }

    /// <summary>Hands the head to the witness; a refusal is a <see cref="PermissionDeniedException"/> naming the witness's rule.</summary>
    public async Task WitnessAsync(Domain.Audit.SignedAuditHead head, CancellationToken cancellationToken)
    {
        if (Registry is not { } registry)
        {
            await local.WitnessAsync(head, [], cancellationToken);
            return;
        }
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await Client(registry).WitnessAuditHeadAsync(AuditHeadMapper.ToWire(head), cancellationToken: budget.Token);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
        {
            var rule = ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Metadata.GetValueOrDefault("rule") ?? "audit-head";
            throw new PermissionDeniedException(rule, ex.Status.Detail);
        }
        catch (Exception ex) when (ex is RpcException or HttpRequestException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            throw new RemoteUnavailableException($"The audit witness at {registry} did not answer ({Describe(ex)}).", ex);
        }
    }

    private MembershipService.MembershipServiceClient Client(string registry) => new(channels.For(registry));

    private static string Describe(Exception ex) => ex is RpcException rpc ? rpc.StatusCode.ToString() : ex.GetType().Name;
}
