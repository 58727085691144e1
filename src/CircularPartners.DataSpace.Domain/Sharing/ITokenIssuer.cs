namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>Signs data-access tokens bound to an agreement (the provider connector's own key).</summary>
public interface ITokenIssuer
{
    IssuedToken Issue(Agreement agreement);
}
