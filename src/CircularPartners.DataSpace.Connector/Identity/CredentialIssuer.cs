using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CircularPartners.DataSpace.Connector.Identity;

/// <summary>Signs membership credentials (ES256 JWTs): the development issuer and tests use it.</summary>
public sealed class CredentialIssuer(string issuer, ECDsa privateKey, TimeProvider time)
{
    public const string RolesClaim = "roles";
    private readonly SigningCredentials _signing = new(new ECDsaSecurityKey(privateKey) { KeyId = KeyIdOf(privateKey) }, SecurityAlgorithms.EcdsaSha256);

    public string Issuer { get; } = issuer;

    public string Issue(string participantId, IEnumerable<string> roles, string audience, TimeSpan lifetime) =>
        IssueWithId(participantId, roles, audience, lifetime, Guid.NewGuid().ToString("N"));

    public string IssueWithId(string participantId, IEnumerable<string> roles, string audience, TimeSpan lifetime, string credentialId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = _signing,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = participantId,
                [JwtRegisteredClaimNames.Jti] = credentialId,
                [RolesClaim] = roles.ToArray(),
            },
        });
    }

    /// <summary>A stable key id: the first bytes of the SHA-256 of the public key.</summary>
    public static string KeyIdOf(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()).AsSpan(0, 8));
}
