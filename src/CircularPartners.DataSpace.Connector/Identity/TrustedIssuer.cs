using System.Security.Cryptography;

namespace CircularPartners.DataSpace.Connector.Identity;

/// <summary>The one issuer whose membership credentials this connector accepts, and its public key.</summary>
public sealed record TrustedIssuer(string Issuer, ECDsa PublicKey, string Audience)
{
    /// <summary>The issuer's signing side, present only on the secretariat's (or a development) connector.</summary>
    public CredentialIssuer? Signer { get; init; }
}
