using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Portal.Connectors;
using CircularPartners.DataSpace.Portal.Hosting;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Portal.Identity;

/// <summary>
/// The development profile's sign-in: the connector's development credential (a secretariat) and,
/// through it, a short-lived credential for any member of the local registry, issued by the
/// secretariat's connector exactly as <c>cpds member credential issue</c> does.
/// </summary>
internal sealed class DevelopmentParticipants(IOptions<PortalOptions> options, ConnectorClients clients)
{
    private const int LifetimeHours = 8;

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.DevelopmentCredential);

    /// <summary>The development credential, or null when its file is not there (yet).</summary>
    public string? Credential()
    {
        var path = options.Value.DevelopmentCredential;
        return !string.IsNullOrWhiteSpace(path) && File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public string? OwnParticipant => CredentialPeek.Read(Credential())?.ParticipantId;

    public async Task<IReadOnlyList<Participant>> MembersAsync()
    {
        var credential = Credential() ?? throw new FileNotFoundException("development credential not found", options.Value.DevelopmentCredential);
        var response = await clients.MembershipAs(credential).ListParticipantsAsync(new ListParticipantsRequest(), clients.Options());
        return response.Participants;
    }

    /// <summary>The development credential itself for its own participant; a fresh one for a member.</summary>
    public async Task<string> CredentialForAsync(string participantId)
    {
        var credential = Credential() ?? throw new FileNotFoundException("development credential not found", options.Value.DevelopmentCredential);
        if (participantId == CredentialPeek.Read(credential)?.ParticipantId)
        {
            return credential;
        }
        var issued = await clients.MembershipAs(credential).IssueCredentialAsync(
            new IssueCredentialRequest { ParticipantId = participantId, LifetimeHours = LifetimeHours }, clients.Options());
        return issued.Token;
    }
}
