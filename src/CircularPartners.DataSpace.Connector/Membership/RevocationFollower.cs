using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Identity;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Membership;

/// <summary>
/// On a member's connector: follows the secretariat's revocation feed (Identity:RegistryAddress),
/// applying and acknowledging each revocation, and reconnecting with its last sequence so
/// nothing revoked while it was away is missed.
/// </summary>
internal sealed class RevocationFollower(IOptions<IdentityOptions> options, IConnectorChannels channels, RevocationList revocations,
    TimeProvider time, ILogger<RevocationFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var address = options.Value.RegistryAddress;
        if (string.IsNullOrEmpty(address))
        {
            return;
        }
        DateTimeOffset? lostSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var client = new MembershipService.MembershipServiceClient(channels.For(address));
                using var call = client.WatchRevocations(cancellationToken: stoppingToken);
                await call.RequestStream.WriteAsync(new RevocationAck { Sequence = revocations.LastSequence }, stoppingToken);
                if (lostSince is { } since)
                {
                    ConnectorLog.RevocationFeedRestored(logger, address, (long)(time.GetUtcNow() - since).TotalSeconds);
                    lostSince = null;
                }
                await foreach (var revocation in call.ResponseStream.ReadAllAsync(stoppingToken))
                {
                    revocations.Apply(new Domain.Identity.Revocation(revocation.Sequence, NullIfEmpty(revocation.ParticipantId),
                        NullIfEmpty(revocation.CredentialId), revocation.RevokedAt.ToDateTimeOffset()));
                    await call.RequestStream.WriteAsync(new RevocationAck { Sequence = revocation.Sequence }, stoppingToken);
                }
            }
            catch (RpcException ex) when (!stoppingToken.IsCancellationRequested)
            {
                // One line when the feed is lost, one when it is back: not one per reconnection attempt.
                if (lostSince is null)
                {
                    lostSince = time.GetUtcNow();
                    ConnectorLog.RevocationFeedLost(logger, address, ex.StatusCode.ToString());
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
