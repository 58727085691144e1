namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// What a data-access token whose signature, issuer, audience and lifetime were verified says:
/// its consumer and agreement, its id (<c>jti</c>) and whether it is good for one call only.
/// </summary>
public sealed record VerifiedAccess(string Consumer, string AgreementId, DateTimeOffset Expires, string TokenId, bool SingleUse);
