using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Sharing;
using Grpc.Core;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// Maps a call onto <see cref="ReadAccessPolicy"/>: verifies the optional
/// <c>x-data-access-token</c> header (signature, issuer, audience, lifetime), asks the policy, and
/// audits every refusal with the rule that refused before it becomes PERMISSION_DENIED.
/// </summary>
internal sealed class ReadAccessResolver(DataAccessTokens tokens, ReadAccessPolicy policy, ProviderSharing provider, SharingAudit audit)
{
    public const string HeaderName = "x-data-access-token";

    public async Task<ReadGrant> ResolveAsync(ServerCallContext context, Caller? caller, string action, IReadOnlyList<string> passportIds)
    {
        var token = context.RequestHeaders.GetValue(HeaderName);
        VerifiedAccess? access = null;
        if (!string.IsNullOrEmpty(token))
        {
            try
            {
                access = await tokens.VerifyAsync(token);
            }
            catch (PermissionDeniedException invalid)
            {
                await audit.DeniedAsync(caller?.ParticipantId ?? "", "", action, null, passportIds, invalid.Rule);
                throw;
            }
        }
        var decision = await policy.DecideAsync(caller, access, context.CancellationToken);
        if (decision.Grant is { } grant)
        {
            return grant;
        }
        var owner = decision.AgreementId is null ? "" : provider.OwnerOf(agreementId: decision.AgreementId);
        await audit.DeniedAsync(caller?.ParticipantId ?? "", owner, action, decision.AgreementId, passportIds, decision.Rule!);
        throw new PermissionDeniedException(decision.Rule!, decision.Explanation!);
    }
}
