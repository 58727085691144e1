using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CircularPartners.DataSpace.Connector.Identity;

/// <summary>
/// The one lifetime rule for every JWT this connector accepts, membership credentials and
/// data-access tokens alike, with one tolerance for clock differences (<c>Identity:ClockSkewSeconds</c>):
/// valid from <c>nbf − skew</c> until before <c>exp + skew</c>, and never issued later than <c>now + skew</c>
/// (a token with <c>iat</c> in the future and no <c>nbf</c> was not issued by anyone we trust).
/// </summary>
public sealed class TokenLifetime(TimeProvider time, TimeSpan skew)
{
    public TimeSpan Skew => skew;

    /// <summary>For <see cref="TokenValidationParameters.LifetimeValidator"/>.</summary>
    public bool IsValid(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now < exp + skew
            && (notBefore is not { } nbf || now >= nbf - skew)
            && (token is not JsonWebToken jwt || jwt.IssuedAt <= now + skew);
    }
}
