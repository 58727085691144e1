using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Domain.Interop;

namespace CircularPartners.DataSpace.Connector.Interop;

/// <summary>
/// The keys an import verifies signed credentials with: this connector's published key (the one
/// its UNTP exports are signed with), so a credential it exported is verified when it comes back.
/// </summary>
internal sealed class OwnCredentialKeys(DataAccessTokens keys) : ICredentialKeys
{
    public string? PublicKeyPem(string keyId) => keyId == keys.KeyId ? keys.PublicKeyPem : null;
}
