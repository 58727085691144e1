using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CircularPartners.DataSpace.Domain.Audit;

/// <summary>
/// A connector's statement that its audit chain reached <see cref="Sequence"/> with
/// <see cref="Hash"/> at <see cref="SignedAt"/>, signed (ES256) with the key whose public part
/// (<see cref="PublicKey"/>, SubjectPublicKeyInfo PEM) travels with it. Kept apart from the log
/// and by a witness, it makes a log that was cut short or replaced by an older copy detectable.
/// <see cref="LogId"/> tells apart the logs of one participant's replicas (empty: its only log).
/// </summary>
public sealed record SignedAuditHead(string ParticipantId, long Sequence, string Hash, DateTimeOffset SignedAt, string PublicKey, string Signature, string LogId = "")
{
    /// <summary>Signs the head of a log for the participant the connector runs for.</summary>
    public static SignedAuditHead Sign(string participantId, AuditEntry last, DateTimeOffset signedAt, ECDsa key, string logId = "")
    {
        var unsigned = new SignedAuditHead(participantId, last.Sequence, last.Hash, signedAt, key.ExportSubjectPublicKeyInfoPem(), "", logId);
        return unsigned with { Signature = Convert.ToBase64String(key.SignData(unsigned.Payload(), HashAlgorithmName.SHA256)) };
    }

    /// <summary>True when <see cref="Signature"/> is the signature of <see cref="PublicKey"/> over every other field.</summary>
    public bool SignatureVerifies()
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(PublicKey);
            return key.VerifyData(Payload(), Convert.FromBase64String(Signature), HashAlgorithmName.SHA256);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Whether this head was signed with the same key as a PEM public key (format differences aside).</summary>
    public bool SignedWith(string publicKeyPem) => KeyIdOf(PublicKey) is { } mine && mine == KeyIdOf(publicKeyPem);

    /// <summary>SHA-256 of the key's SubjectPublicKeyInfo; null when the PEM holds no EC key.</summary>
    public static string? KeyIdOf(string publicKeyPem)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(publicKeyPem);
            return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>What the witness keeps one latest head of.</summary>
    public string WitnessKey => LogId.Length == 0 ? ParticipantId : ParticipantId + "/" + LogId;

    private byte[] Payload() => Encoding.UTF8.GetBytes(string.Join('\n', "cpds-audit-head/1", ParticipantId,
        Sequence.ToString(CultureInfo.InvariantCulture), Hash, SignedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), LogId));
}
