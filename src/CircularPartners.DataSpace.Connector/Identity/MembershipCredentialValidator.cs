using System.Collections.Concurrent;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CircularPartners.DataSpace.Connector.Identity;

/// <summary>
/// Checks a membership credential explicitly: ES256 signature by the trusted issuer's key,
/// issuer, audience, and lifetime against <see cref="TimeProvider"/>. Verified tokens are cached
/// until they expire because a signature check costs tens of microseconds.
/// </summary>
public sealed class MembershipCredentialValidator
{
    private const int CacheLimit = 10_000;
    private readonly TimeProvider _time;
    private readonly TokenValidationParameters _parameters;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ConcurrentDictionary<string, (Caller Caller, string? CredentialId, DateTimeOffset Expires)> _verified = new(StringComparer.Ordinal);
    private readonly RevocationList _revocations;

    public MembershipCredentialValidator(TrustedIssuer trusted, TimeProvider time, TokenLifetime lifetime, RevocationList revocations)
    {
        _time = time;
        _revocations = revocations;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = trusted.Issuer,
            ValidAudience = trusted.Audience,
            IssuerSigningKey = new ECDsaSecurityKey(trusted.PublicKey) { KeyId = CredentialIssuer.KeyIdOf(trusted.PublicKey) },
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            TryAllIssuerSigningKeys = false,
            LifetimeValidator = lifetime.IsValid,
        };
    }

    public async Task<Caller> ValidateAsync(string token)
    {
        if (_verified.TryGetValue(token, out var cached) && cached.Expires > _time.GetUtcNow())
        {
            return NotRevoked(cached.Caller, cached.CredentialId);
        }
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            throw new UnauthenticatedException($"The credential was rejected: {Reason(result.Exception)}.");
        }
        if (string.IsNullOrEmpty(jwt.Subject))
        {
            throw new UnauthenticatedException("The credential was rejected: it names no participant (sub).");
        }
        var roles = jwt.Claims.Where(c => c.Type == CredentialIssuer.RolesClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var caller = new Caller(jwt.Subject, roles);
        if (_verified.Count >= CacheLimit)
        {
            _verified.Clear(); // crude but bounded; a cold cache only costs one signature check per token
        }
        var credentialId = string.IsNullOrEmpty(jwt.Id) ? null : jwt.Id;
        _verified[token] = (caller, credentialId, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        return NotRevoked(caller, credentialId);
    }

    /// <summary>Checked on every call, cached or not: leaving or revocation takes effect at once.</summary>
    private Caller NotRevoked(Caller caller, string? credentialId) =>
        _revocations.IsRevoked(caller.ParticipantId, credentialId)
            ? throw new UnauthenticatedException("The credential was rejected: it has been revoked or its participant has left the data space.")
            : caller;


    /// <summary>A reason for the caller without the token contents (IdentityModel messages can include them).</summary>
    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException => "it is expired or not yet valid",
        SecurityTokenNoExpirationException => "it has no expiry",
        SecurityTokenInvalidAudienceException => "it is addressed to another audience",
        SecurityTokenInvalidIssuerException => "it comes from an untrusted issuer",
        SecurityTokenInvalidAlgorithmException => "its signing algorithm is not ES256",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify",
        SecurityTokenMalformedException or ArgumentException => "it is not a well-formed JWT",
        _ => "it is not valid",
    };
}
