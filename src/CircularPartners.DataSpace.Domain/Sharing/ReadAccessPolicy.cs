using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// The one place that decides what a reader may read: from the authenticated caller (none for the
/// public view) and the claims of a data-access token whose signature and lifetime were already
/// verified, it returns a <see cref="ReadGrant"/> or a refusal naming the rule. A token must be
/// issued to this very caller and its agreement must still stand; a single-use token is spent
/// only once every other check passed, so a stolen copy used by someone else does not burn it.
/// </summary>
public sealed class ReadAccessPolicy(ProviderSharing provider, SingleUseTokens singleUse)
{
    public const string ConsumerBindingRule = "token.bound-to-consumer";
    public const string CredentialRequiredRule = "token.needs-credential";

    public async Task<AccessDecision> DecideAsync(Caller? caller, VerifiedAccess? token, CancellationToken cancellationToken)
    {
        if (token is null)
        {
            return AccessDecision.Granted(new ReadGrant(caller, null));
        }
        if (caller is null)
        {
            return AccessDecision.Refused(CredentialRequiredRule, "A data-access token is used together with its consumer's membership credential.", token.AgreementId);
        }
        if (token.Consumer != caller.ParticipantId)
        {
            return AccessDecision.Refused(ConsumerBindingRule, "The data-access token was issued to another participant.", token.AgreementId);
        }
        try
        {
            var agreement = await provider.ActiveAgreementOfAsync(token.AgreementId, caller, cancellationToken);
            await singleUse.SpendAsync(token, cancellationToken);
            return AccessDecision.Granted(new ReadGrant(caller, agreement));
        }
        catch (PermissionDeniedException denied)
        {
            return AccessDecision.Refused(denied.Rule, denied.Message, token.AgreementId);
        }
    }
}

/// <summary>A grant, or the rule that refused (with the agreement the refused token named, for the audit log).</summary>
public sealed record AccessDecision(ReadGrant? Grant, string? Rule, string? Explanation, string? AgreementId)
{
    public static AccessDecision Granted(ReadGrant grant) => new(grant, null, null, grant.Agreement?.AgreementId);

    public static AccessDecision Refused(string rule, string explanation, string? agreementId) => new(null, rule, explanation, agreementId);
}
