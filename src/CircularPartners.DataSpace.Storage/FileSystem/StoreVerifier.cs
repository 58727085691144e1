using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>What an offline check of a store found.</summary>
public sealed record StoreVerification(int Passports, long Versions, long TornTailBytes, IReadOnlyList<StoreDamage> Damage)
{
    public bool Intact => Damage.Count == 0 && TornTailBytes == 0;
}

/// <summary>
/// Checks a file store without changing it (<c>cpds store verify</c>): every frame's hash, the
/// order of versions, and the version directory; it may run beside the connector.
/// </summary>
public static class StoreVerifier
{
    public static StoreVerification Verify(string dataDirectory)
    {
        var directory = Path.Combine(dataDirectory, "passports");
        var logPath = Path.Combine(directory, "passports.log");
        if (!File.Exists(logPath))
        {
            throw new FileNotFoundException($"No passport store under '{Path.GetFullPath(dataDirectory)}' (expected {logPath}).", logPath);
        }
        using var log = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var recovered = LogRecovery.Scan(log);
        var opening = StoreOpening.Quarantine(log, recovered, VersionDirectory.Read(Path.Combine(directory, "passports.versions")), quarantineDirectory: null);
        var versions = recovered.Passports.Values.Sum(p => p.CurrentVersion - p.DamagedVersions().LongCount());
        return new StoreVerification(recovered.Passports.Count, versions, opening.CutTail ? recovered.TornTailBytes : 0, opening.Damage);
    }
}
