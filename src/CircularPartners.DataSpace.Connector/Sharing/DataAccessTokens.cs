using System.Collections.Concurrent;
using System.Security.Cryptography;
using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Sharing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// Data-access tokens: short-lived ES256 JWTs this connector signs with its own key after an
/// agreement, and only it accepts. Signature, issuer, audience and lifetime are checked here;
/// the agreement (revocation) and the caller binding are checked on every call by the caller.
/// </summary>
public sealed class DataAccessTokens : ITokenIssuer
{
    public const string Issuer = "urn:circularpartners:connector";
    public const string Audience = "urn:circularpartners:data-access";
    private const string AgreementClaim = "agreement_id";
    private const string SingleUseClaim = "single_use";

    private readonly ECDsa _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly SigningCredentials _signing;
    private readonly TokenValidationParameters _parameters;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false, SetDefaultTimesOnTokenCreation = false };
    private readonly ConcurrentDictionary<string, VerifiedAccess> _verified = new(StringComparer.Ordinal);

    public DataAccessTokens(ECDsa key, TimeProvider time, TimeSpan lifetime, TokenLifetime validity)
    {
        _key = key;
        _time = time;
        _lifetime = lifetime;
        var securityKey = new ECDsaSecurityKey(key) { KeyId = CredentialIssuer.KeyIdOf(key) };
        _signing = new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256);
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = securityKey,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            LifetimeValidator = validity.IsValid,
        };
    }

    /// <summary>The connector's signing key, also used to sign its audit heads (whose public part travels with them).</summary>
    internal ECDsa SigningKey => _key;

    public IssuedToken Issue(Agreement agreement, bool singleUse)
    {
        var now = _time.GetUtcNow();
        var expires = agreement.UsageEnd is { } end && end < now + _lifetime ? end : now + _lifetime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = agreement.Consumer,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            [AgreementClaim] = agreement.AgreementId,
            ["provider"] = agreement.Provider,
            ["sections"] = agreement.AccessClasses.ToArray(),
            ["purpose"] = agreement.Purpose,
        };
        if (singleUse)
        {
            claims[SingleUseClaim] = true;
        }
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _signing,
            Claims = claims,
        });
        return new IssuedToken(token, expires);
    }

    /// <summary>Who the token was issued to and for which agreement; throws when it is not ours or not valid now.</summary>
    public async Task<VerifiedAccess> VerifyAsync(string token)
    {
        if (_verified.TryGetValue(token, out var cached) && cached.Expires > _time.GetUtcNow())
        {
            return cached;
        }
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || !jwt.TryGetPayloadValue<string>(AgreementClaim, out var agreementId))
        {
            throw new PermissionDeniedException("token.invalid", "The data-access token is not valid here (signature, issuer, audience, issue time or lifetime).");
        }
        var singleUse = jwt.TryGetPayloadValue<bool>(SingleUseClaim, out var flag) && flag;
        if (singleUse && string.IsNullOrEmpty(jwt.Id))
        {
            throw new PermissionDeniedException("token.invalid", "The data-access token is not valid here (single use without a token id).");
        }
        var access = new VerifiedAccess(jwt.Subject, agreementId, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), jwt.Id, singleUse);
        if (_verified.Count > 10_000)
        {
            _verified.Clear();
        }
        _verified[token] = access;
        return access;
    }

    public static ECDsa LoadOrCreateKey(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "sharing", "token-signing.key.pem");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = ECDsa.Create();
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(path, key.ExportECPrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return key;
    }
}
