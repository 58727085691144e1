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
/// log records the same hashes (one record per response).
/// </summary>
internal sealed class ReleaseReceipts(DataAccessTokens keys, SharingAudit audit, TimeProvider time)
{
    /// <summary>
    /// The one call a read path makes once the response is filtered: attaches a receipt to every
    /// passport version released under the grant's agreement (<paramref name="records"/> and the
    /// wire messages sent, in the same order) and records the release. Reads the agreement does not
    /// cover (the owner's own, another passport's participant view) are no release and get none.
    /// </summary>
    public async Task AttachAsync(Caller consumer, ReadGrant grant, IReadOnlyList<PassportRecord> records, IReadOnlyList<Passport> released, CancellationToken cancellationToken)
    {
        if (grant.Agreement is not { } agreement)
        {
            return;
        }
        List<Passport> covered = [.. released.Where((_, i) => i < records.Count && grant.Covers(records[i]) && !grant.IsOwnerOf(records[i]))];
        if (covered.Count > 0)
        {
            await audit.ReleasedAsync(consumer, agreement, Issue(consumer, agreement, covered), cancellationToken);
        }
    }

    /// <summary>Signs and attaches the receipts, without recording them (for a read path that records the release itself).</summary>
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
