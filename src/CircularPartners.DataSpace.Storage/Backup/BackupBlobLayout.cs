using System.Globalization;
using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Storage.AzureBlob;

namespace CircularPartners.DataSpace.Storage.Backup;

/// <summary>
/// Where a backup lives in its container, under an optional prefix:
/// <c>passports/{key}/{version:D12}.json</c> one blob per version (the store's record JSON, with its
/// SHA-256 in the metadata), <c>audit-heads/{signedAtTicks:D19}-{sequence:D12}-{signature hash}.json</c>
/// one blob per signed head. Names sort in the order a restore needs: a passport's versions
/// together and oldest first, heads by signing time. The key is the store's own (<see cref="BlobLayout.Key"/>).
/// </summary>
internal static class BackupBlobLayout
{
    public const string PassportsFolder = "passports/";
    public const string AuditHeadsFolder = "audit-heads/";
    public const string HashMetadata = "sha256";

    public static string Version(string prefix, string passportId, long version) =>
        prefix + PassportsFolder + BlobLayout.Key(passportId) + "/" + version.ToString("D12", CultureInfo.InvariantCulture) + ".json";

    public static string AuditHead(string prefix, SignedAuditHead head) =>
        prefix + AuditHeadsFolder + head.SignedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-"
        + head.Sequence.ToString("D12", CultureInfo.InvariantCulture) + "-" + Hashing.Sha256Hex(head.Signature)[..16] + ".json";

    /// <summary>The passport id and version a version blob's name stands for; null when the name is not one.</summary>
    public static (string PassportId, long Version)? ParseVersion(string prefix, string name)
    {
        if (!name.StartsWith(prefix + PassportsFolder, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
        {
            return null;
        }
        var rest = name[(prefix.Length + PassportsFolder.Length)..^".json".Length];
        var slash = rest.LastIndexOf('/');
        if (slash <= 0 || !long.TryParse(rest[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }
        // A hashed key (very long ids) cannot be turned back; it still names the copy.
        var key = rest[..slash];
        return (key.StartsWith("sha256-", StringComparison.Ordinal) ? key : Uri.UnescapeDataString(key), version);
    }
}

internal static class Hashing
{
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    public static string Sha256Hex(string text) => Sha256Hex(System.Text.Encoding.UTF8.GetBytes(text));
}
