using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// A call whose membership credential was refused (forged, revoked, its participant gone) but
/// which carries one of our data-access tokens is an attempt on that agreement's data: the
/// provider's audit log records it as denied. Calls without a token of ours have no owner to
/// record them for, and a token of ours can only have been obtained under an agreement, so this
/// cannot be used to flood an owner's log with strangers' noise.
/// </summary>
internal sealed class RefusedCredentialAudit(DataAccessTokens tokens, ProviderSharing provider, SharingAudit audit)
{
    public const string Rule = "credential.refused";

    public async Task RecordAsync(string? token, string method)
    {
        if (string.IsNullOrEmpty(token))
        {
            return;
        }
        VerifiedAccess access;
        try
        {
            access = await tokens.VerifyAsync(token);
        }
        catch (PermissionDeniedException)
        {
            return; // not ours: nobody's data was at stake
        }
        // The actor is who the token was issued to: the credential presented proved nothing.
        await audit.DeniedAsync(access.Consumer, provider.OwnerOf(agreementId: access.AgreementId), method, access.AgreementId, [], Rule);
    }
}
