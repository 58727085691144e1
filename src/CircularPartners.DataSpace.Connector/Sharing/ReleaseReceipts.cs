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
    /// <summary>Signs a receipt for each passport version released and attaches it to its wire message; <see cref="ReadAudit"/> records the same hashes.</summary>
    public IReadOnlyList<ReleaseReceipt> Issue(Caller consumer, Agreement agreement, IReadOnlyList<Passport> released)
    {
        var now = time.GetUtcNow();
        var receipts = new List<ReleaseReceipt>(released.Count);
        foreach (var passport in released)
        {
            var receipt = new ReleaseReceipt("receipt-" + Guid.NewGuid().ToString("N"), agreement.Provider, consumer.ParticipantId, agreement.AgreementId,
                passport.PassportId, passport.Version, ReleaseReceipt.HashOf(passport.Json), now);
            passport.Receipt = new Receipt
            {
                Jws = Sign(receipt),
                AgreementId = receipt.AgreementId,
                BodySha256 = receipt.BodySha256,
                IssuedAt = Timestamp.FromDateTimeOffset(now),
            };
            receipts.Add(receipt);
        }
        return receipts;
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
