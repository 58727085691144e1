using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using Google.Protobuf.WellKnownTypes;
using Agreement = CircularPartners.DataSpace.Domain.Sharing.Agreement;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>
/// Receipts for releases under an agreement: for every passport version sent, after filtering,
/// a compact JWS (<see cref="CompactJws"/>) signed with this connector's published key (the data-access token key) over the
/// agreement, passport, version and the SHA-256 of the body exactly as sent. The provider's audit
/// log records the same hashes in the read's one record (<see cref="ReadAudit"/>).
/// </summary>
internal sealed class ReleaseReceipts(DataAccessTokens keys, TimeProvider time)
{
    private const int CacheLimit = 10_000;

    // A receipt says what was released, to whom, under which agreement, in which second (iat).
    // The same release again within that second is the same statement, so it gets the same signed
    // receipt (its id is derived from what it states): repeated reads do not pay one ES256
    // signature each. A different body, version, agreement, consumer or second is a new receipt.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Jws, ReleaseReceipt Receipt)> _signed = new(StringComparer.Ordinal);

    /// <summary>Signs a receipt for each passport version released and attaches it to its wire message; <see cref="ReadAudit"/> records the same hashes.</summary>
    public IReadOnlyList<ReleaseReceipt> Issue(Caller consumer, Agreement agreement, IReadOnlyList<Passport> released)
    {
        var second = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var receipts = new List<ReleaseReceipt>(released.Count);
        foreach (var passport in released)
        {
            var (jws, receipt) = SignedFor(consumer, agreement, passport, second);
            passport.Receipt = new Receipt
            {
                Jws = jws,
                AgreementId = receipt.AgreementId,
                BodySha256 = receipt.BodySha256,
                IssuedAt = Timestamp.FromDateTimeOffset(second),
            };
            receipts.Add(receipt);
        }
        return receipts;
    }

    private (string Jws, ReleaseReceipt Receipt) SignedFor(Caller consumer, Agreement agreement, Passport passport, DateTimeOffset second)
    {
        var hash = ReleaseReceipt.HashOf(passport.Json);
        var statement = string.Join('\n', agreement.AgreementId, consumer.ParticipantId, passport.PassportId,
            passport.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), hash, second.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_signed.TryGetValue(statement, out var signed))
        {
            return signed;
        }
        if (_signed.Count >= CacheLimit)
        {
            _signed.Clear(); // bounded; a cleared entry only costs one signature again
        }
        var id = "receipt-" + ReleaseReceipt.HashOf(statement)[..32];
        var receipt = new ReleaseReceipt(id, agreement.Provider, consumer.ParticipantId, agreement.AgreementId, passport.PassportId, passport.Version, hash, second);
        return _signed[statement] = (Sign(receipt), receipt);
    }

    private string Sign(ReleaseReceipt receipt) => CompactJws.Sign(keys.Key, keys.KeyId, ReleaseReceipt.Type, payload =>
    {
        payload.WriteString("iss", receipt.Provider);
        payload.WriteString("aud", receipt.Consumer);
        payload.WriteString("jti", receipt.ReceiptId);
        payload.WriteString("agreement_id", receipt.AgreementId);
        payload.WriteString("passport_id", receipt.PassportId);
        payload.WriteNumber("version", receipt.Version);
        payload.WriteString("body_sha256", receipt.BodySha256);
        payload.WriteNumber("iat", receipt.IssuedAt.ToUnixTimeSeconds());
    });
}
