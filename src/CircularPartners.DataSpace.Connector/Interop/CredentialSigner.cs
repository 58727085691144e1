using System.Text.Json;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Connector.Interop;

/// <summary>
/// Signs exported verifiable credentials as enveloping compact JWS (VC-JOSE: ES256, typ
/// <c>vc+jwt</c>, the credential as payload) with this connector's published key, the one
/// GetReleaseKey returns, so a partner verifies an export the way it verifies a release receipt.
/// </summary>
internal sealed class CredentialSigner(DataAccessTokens keys)
{
    public const string Type = "vc+jwt";

    public string KeyId => keys.KeyId;

    public string Sign(string credentialJson)
    {
        using var credential = JsonDocument.Parse(credentialJson);
        return CompactJws.Sign(keys.Key, keys.KeyId, Type, payload =>
        {
            foreach (var member in credential.RootElement.EnumerateObject())
            {
                member.WriteTo(payload);
            }
        });
    }
}
