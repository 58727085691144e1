using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Events;
using CircularPartners.DataSpace.Domain.Membership;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Membership;

/// <summary>
/// An author's registered signing keys: from this connector's own registry when it is the
/// secretariat's, otherwise asked of the registry at Identity:RegistryAddress with the author's
/// own credential.
/// </summary>
internal sealed class RegistryAuthorKeys(IMembershipStore local, IOptions<IdentityOptions> options, IConnectorChannels channels) : IAuthorKeys
{
    public async Task<IReadOnlyList<string>> PublicKeysOfAsync(string participantId, string credential, CancellationToken cancellationToken)
    {
        if (local.Participants.FirstOrDefault(p => p.ParticipantId == participantId && p.Active) is { } known)
        {
            return known.SigningKeys;
        }
        var registry = options.Value.RegistryAddress;
        if (string.IsNullOrEmpty(registry))
        {
            return [];
        }
        try
        {
            var client = new MembershipService.MembershipServiceClient(channels.For(registry));
            var participant = await client.GetParticipantAsync(new GetParticipantRequest { ParticipantId = participantId },
                new Metadata { { "authorization", "Bearer " + credential } }, cancellationToken: cancellationToken);
            return participant.Status == "active" ? [.. participant.SigningKeys] : [];
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound)
        {
            return [];
        }
        catch (RpcException ex)
        {
            throw new RemoteUnavailableException($"The membership registry at {registry} could not be asked for the author's keys ({ex.StatusCode}).", ex);
        }
    }
}
