using System.Security.Cryptography;
using System.Text;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// What a provider released under an agreement, as it signed it: the passport version and the
/// SHA-256 of the filtered body actually sent. The consumer keeps it as evidence; the provider's
/// audit record of the release holds the same hash.
/// </summary>
public sealed record ReleaseReceipt(
    string ReceiptId,
    string Provider,
    string Consumer,
    string AgreementId,
    string PassportId,
    long Version,
    string BodySha256,
    DateTimeOffset IssuedAt)
{
    /// <summary>The JWS <c>typ</c> of a receipt.</summary>
    public const string Type = "cpds-receipt+jwt";

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of a body, as sent.</summary>
    public static string HashOf(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    /// <summary>
    /// Checks a receipt: signed by <paramref name="providerKeyPem"/>, complete, and, when the body
    /// received is given, that it hashes to what the provider signed.
    /// </summary>
    public static ReceiptCheck Verify(string receipt, string providerKeyPem, string? body)
    {
        if (CompactJws.Verify(receipt, providerKeyPem, Type, out var problem) is not { } payload)
        {
            return new ReceiptCheck(false, $"the receipt is not valid: {problem}", null);
        }
        var hash = CompactJws.String(payload, "body_sha256");
        var parsed = new ReleaseReceipt(CompactJws.String(payload, "jti") ?? "", CompactJws.String(payload, "iss") ?? "", CompactJws.String(payload, "aud") ?? "",
            CompactJws.String(payload, "agreement_id") ?? "", CompactJws.String(payload, "passport_id") ?? "", CompactJws.Number(payload, "version") ?? 0,
            hash ?? "", DateTimeOffset.FromUnixTimeSeconds(CompactJws.Number(payload, "iat") ?? 0));
        if (parsed.AgreementId.Length == 0 || parsed.PassportId.Length == 0 || parsed.Version <= 0 || parsed.BodySha256.Length != 64)
        {
            return new ReceiptCheck(false, "the receipt is not valid: it lacks the agreement, passport, version or body hash", parsed);
        }
        if (body is not null && !string.Equals(HashOf(body), parsed.BodySha256, StringComparison.Ordinal))
        {
            return new ReceiptCheck(false, $"the body does not match the receipt: it hashes to {HashOf(body)}, the provider signed {parsed.BodySha256}", parsed);
        }
        return new ReceiptCheck(true, null, parsed);
    }
}

/// <summary>The outcome of <see cref="ReleaseReceipt.Verify"/>: valid, or the problem found.</summary>
public sealed record ReceiptCheck(bool Valid, string? Problem, ReleaseReceipt? Receipt);
