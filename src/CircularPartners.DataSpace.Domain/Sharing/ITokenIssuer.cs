namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>Signs data-access tokens bound to an agreement (the provider connector's own key).</summary>
public interface ITokenIssuer
{
    /// <param name="singleUse">Whether the provider honours the token for one call only.</param>
    IssuedToken Issue(Agreement agreement, bool singleUse);
}
