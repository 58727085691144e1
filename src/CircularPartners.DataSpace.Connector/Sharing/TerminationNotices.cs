using System.Text;
using System.Text.Json;
using CircularPartners.DataSpace.Connector.Membership;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Sharing;
using Grpc.Core;
using Agreement = CircularPartners.DataSpace.Domain.Sharing.Agreement;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// Telling the other party that an agreement ended. A provider that terminates sends the consumer
/// connector a notice signed with its published key (never its participant's credential: the
/// consumer chose that address), best effort with a retry; the consumer connector checks it
/// against the key it keeps with its copy of the agreement and records the agreement as
/// terminated by the provider, with the reason. Both sides audit the termination.
/// </summary>
internal sealed class TerminationNotices(DataAccessTokens keys, IConnectorChannels channels, ProviderSharing provider, ConsumerSharing consumer,
    ParticipantDirectory directory, SharingAudit audit, TimeProvider time, ILogger<TerminationNotices> logger)
{
    public const string Type = "cpds-termination+jwt";
    public const string InvalidNoticeRule = "termination.notice-invalid";
    private const int Attempts = 3;
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The provider's party ends the agreement, then the consumer's connector is told; both recorded here.</summary>
    public async Task<Agreement> TerminateAsProviderAsync(Caller party, string credential, string agreementId, string reason, CancellationToken cancellationToken)
    {
        var attempt = new RelationshipChange(party.ParticipantId, provider.OwnerOf(agreementId: agreementId), "agreement.terminate", RelationshipChange.ProviderSide,
            AgreementId: agreementId, Reason: reason);
        var terminated = await audit.ChangeAsync(attempt, () => provider.TerminateAsync(party, agreementId, reason, cancellationToken),
            a => Change(a, party.ParticipantId), cancellationToken);
        var delivered = await SendAsync(terminated, credential, cancellationToken);
        await audit.ChangedAsync(Change(terminated, party.ParticipantId) with { Action = "agreement.terminate.notify", Granted = delivered,
            Reason = delivered ? null : "consumer connector unreachable" }, cancellationToken);
        return terminated;
    }

    /// <summary>The consumer asked the provider (this connector) to end the agreement: done and recorded here.</summary>
    public Task<Agreement> TerminateForConsumerAsync(Caller party, string agreementId, string reason, CancellationToken cancellationToken) =>
        audit.ChangeAsync(new RelationshipChange(party.ParticipantId, provider.OwnerOf(agreementId: agreementId), "agreement.terminate", RelationshipChange.ProviderSide,
            AgreementId: agreementId, Reason: reason), () => provider.TerminateAsync(party, agreementId, reason, cancellationToken),
            a => Change(a, party.ParticipantId), cancellationToken);

    /// <summary>On the consumer's connector: a provider's notice, checked against the key kept with the agreement.</summary>
    public async Task<Agreement> ReceiveAsync(string notice, CancellationToken cancellationToken)
    {
        var agreementId = ClaimedAgreement(notice) ?? throw Invalid("it names no agreement");
        var held = consumer.HeldAgreement(agreementId);
        if (held is not { ProviderKey: { Length: > 0 } key })
        {
            throw Invalid("this connector holds no such agreement with a provider key");
        }
        if (CompactJws.Verify(notice, key, Type, out var problem) is not { } payload)
        {
            throw Invalid(problem!);
        }
        if (CompactJws.String(payload, "iss") != held.Provider || CompactJws.String(payload, "aud") != held.Consumer)
        {
            throw Invalid("it is not from this agreement's provider to its consumer");
        }
        return await consumer.ProviderTerminatedAsync(held.Provider, agreementId, CompactJws.String(payload, "terminated_by") ?? held.Provider,
            CompactJws.String(payload, "reason"), cancellationToken);
    }

    private async Task<bool> SendAsync(Agreement terminated, string credential, CancellationToken cancellationToken)
    {
        string address;
        try
        {
            address = terminated.ConsumerAddress ?? await directory.ConnectorAddressOfAsync(terminated.Consumer, credential, cancellationToken);
        }
        catch (DomainException ex)
        {
            ConnectorLog.TerminationNoticeUndelivered(logger, "(unknown)", terminated.AgreementId, ex.Message);
            return false;
        }
        var request = new TerminationNotice { Notice = Sign(terminated) };
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AttemptTimeout);
            try
            {
                await new ContractNegotiationService.ContractNegotiationServiceClient(channels.For(address)).NotifyTerminationAsync(request, cancellationToken: timeout.Token);
                return true;
            }
            catch (RpcException ex) when (attempt < Attempts && ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled
                && !cancellationToken.IsCancellationRequested)
            {
                // A connection blip: try again at once; the termination itself already stands.
            }
            catch (RpcException ex)
            {
                ConnectorLog.TerminationNoticeUndelivered(logger, address, terminated.AgreementId, ex.StatusCode.ToString());
                return false;
            }
        }
    }

    private string Sign(Agreement terminated) => CompactJws.Sign(keys.Key, keys.KeyId, Type, payload =>
    {
        payload.WriteString("iss", terminated.Provider);
        payload.WriteString("aud", terminated.Consumer);
        payload.WriteString("jti", Guid.NewGuid().ToString("N"));
        payload.WriteString("agreement_id", terminated.AgreementId);
        payload.WriteString("terminated_by", terminated.TerminatedBy ?? terminated.Provider);
        payload.WriteString("reason", terminated.TerminationReason ?? "");
        payload.WriteNumber("iat", time.GetUtcNow().ToUnixTimeSeconds());
    });

    /// <summary>The agreement a notice claims to be about, read before its signature is checked only to find the key.</summary>
    private static string? ClaimedAgreement(string notice)
    {
        var parts = notice.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        try
        {
            var base64 = parts[1].Replace('-', '+').Replace('_', '/');
            using var payload = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight((base64.Length + 3) / 4 * 4, '='))));
            return payload.RootElement.ValueKind == JsonValueKind.Object ? CompactJws.String(payload.RootElement, "agreement_id") : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private static RelationshipChange Change(Agreement a, string actor) => new(actor, a.Provider, "agreement.terminate", RelationshipChange.ProviderSide,
        a.OfferId, a.NegotiationId, a.AgreementId, a.Purpose, Reason: a.TerminationReason, State: "terminated");

    private static PermissionDeniedException Invalid(string why) => new(InvalidNoticeRule, $"The termination notice was refused: {why}.");
}
