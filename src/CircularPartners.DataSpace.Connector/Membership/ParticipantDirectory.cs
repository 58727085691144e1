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
/// What the membership registry says about another participant (signing keys, connector address):
/// from this connector's own registry when it is the secretariat's, otherwise asked of the registry
/// at Identity:RegistryAddress with the asking participant's own credential.
/// </summary>
internal sealed class ParticipantDirectory(IMembershipStore local, IOptions<IdentityOptions> options, IConnectorChannels channels) : IAuthorKeys
{
    private sealed record Entry(string ConnectorAddress, IReadOnlyList<string> SigningKeys);

    public async Task<IReadOnlyList<string>> PublicKeysOfAsync(string participantId, string credential, CancellationToken cancellationToken) =>
        (await FindActiveAsync(participantId, credential, cancellationToken))?.SigningKeys ?? [];

    /// <summary>The connector address an active participant registered; NOT_FOUND names the participant otherwise.</summary>
    public async Task<string> ConnectorAddressOfAsync(string participantId, string credential, CancellationToken cancellationToken)
    {
        var entry = await FindActiveAsync(participantId, credential, cancellationToken);
        return string.IsNullOrEmpty(entry?.ConnectorAddress)
            ? throw new ResourceNotFoundException("active participant with a connector", participantId)
            : entry.ConnectorAddress;
    }

    /// <summary>
    /// The secretariat's record of a participant, asked of the registry at Identity:RegistryAddress
    /// with the caller's credential; null when there is no such registry or it does not know them.
    /// </summary>
    public async Task<Contracts.V1.Participant?> AskRegistryAsync(string participantId, string credential, CancellationToken cancellationToken)
    {
        var registry = options.Value.RegistryAddress;
        if (string.IsNullOrEmpty(registry))
        {
            return null;
        }
        try
        {
            var client = new MembershipService.MembershipServiceClient(channels.For(registry));
            return await client.GetParticipantAsync(new GetParticipantRequest { ParticipantId = participantId },
                new Metadata { { "authorization", "Bearer " + credential } }, cancellationToken: cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException ex)
        {
            throw new RemoteUnavailableException($"The membership registry at {registry} could not be asked about participant {participantId} ({ex.StatusCode}).", ex);
        }
    }

    private async Task<Entry?> FindActiveAsync(string participantId, string credential, CancellationToken cancellationToken)
    {
        if (local.Participants.FirstOrDefault(p => p.ParticipantId == participantId && p.Active) is { } known)
        {
            return new Entry(known.ConnectorAddress, known.SigningKeys);
        }
        var registry = options.Value.RegistryAddress;
        if (string.IsNullOrEmpty(registry))
        {
            return null;
        }
        try
        {
            var client = new MembershipService.MembershipServiceClient(channels.For(registry));
            var participant = await client.GetParticipantAsync(new GetParticipantRequest { ParticipantId = participantId },
                new Metadata { { "authorization", "Bearer " + credential } }, cancellationToken: cancellationToken);
            return participant.Status == "active" ? new Entry(participant.ConnectorAddress, [.. participant.SigningKeys]) : null;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException ex)
        {
            throw new RemoteUnavailableException($"The membership registry at {registry} could not be asked about participant {participantId} ({ex.StatusCode}).", ex);
        }
    }
}
