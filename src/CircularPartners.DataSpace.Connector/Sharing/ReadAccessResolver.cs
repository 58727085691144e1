using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Sharing;
using Grpc.Core;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// Turns the optional <c>x-data-access-token</c> header into what the caller may read. A token
/// must be ours, valid now, issued to this very caller, and its agreement must still stand;
/// a single-use token is spent by its first accepted call. Every refusal is audited with the rule
/// that refused.
/// </summary>
internal sealed class ReadAccessResolver(DataAccessTokens tokens, SingleUseTokens singleUse, ProviderSharing provider, SharingAudit audit)
{
    public const string HeaderName = "x-data-access-token";
    public const string ConsumerBindingRule = "token.bound-to-consumer";

    public async Task<ReadGrant> ResolveAsync(ServerCallContext context, Caller caller, string action, IReadOnlyList<string> passportIds)
    {
        var token = context.RequestHeaders.GetValue(HeaderName);
        if (string.IsNullOrEmpty(token))
        {
            return ReadGrant.PublicOnly;
        }
        string? agreementId = null;
        try
        {
            var access = await tokens.VerifyAsync(token);
            agreementId = access.AgreementId;
            if (access.Consumer != caller.ParticipantId)
            {
                throw new PermissionDeniedException(ConsumerBindingRule, "The data-access token was issued to another participant.");
            }
            var grant = new ReadGrant(await provider.ActiveAgreementOfAsync(access.AgreementId, caller, context.CancellationToken));
            // Spent only once every other check passed, so a stolen copy used by someone else does not burn it.
            await singleUse.SpendAsync(access, context.CancellationToken);
            return grant;
        }
        catch (PermissionDeniedException denied)
        {
            await audit.DeniedAsync(caller.ParticipantId, agreementId is null ? "" : provider.OwnerOf(agreementId: agreementId), action, agreementId, passportIds, denied.Rule);
            throw;
        }
    }
}
