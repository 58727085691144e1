using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// What opening the log found wrong, made safe: every damaged range and a torn tail are copied to
/// the quarantine folder before anything else happens, and the passport versions they held are
/// named, from the <see cref="VersionDirectory"/> and from whatever is still recognisable in the
/// bytes. The log is cut only at a torn tail, and a tail holding a version the directory lists was
/// acknowledged: it is damage, and is kept.
/// </summary>
internal sealed record StoreOpening(IReadOnlyList<StoreDamage> Damage, bool CutTail, IReadOnlyList<DamagedVersion> TornTailVersions)
{
    public static StoreOpening Quarantine(FileStream log, LogRecovery.Result recovered, IReadOnlyList<(DamagedVersion Version, long Offset, int Length)> directory,
        string? quarantineDirectory)
    {
        var missing = directory.Where(e => !IsIntact(recovered.Passports, e.Version)).ToList();
        var tailAcknowledged = recovered.TornTailBytes > 0 && missing.Any(e => e.Offset >= recovered.ValidLength);
        var ranges = tailAcknowledged
            ? [.. recovered.DamagedRanges, (recovered.ValidLength, recovered.TornTailBytes)]
            : recovered.DamagedRanges;
        var damage = new List<StoreDamage>();
        var named = new HashSet<DamagedVersion>();
        foreach (var (offset, length) in ranges)
        {
            var bytes = ReadRange(log, offset, length);
            var path = Keep(quarantineDirectory, $"damaged-{offset}-{length}.bin", bytes);
            var listed = missing.Where(e => e.Offset < offset + length && offset < e.Offset + e.Length).Select(e => e.Version);
            var versions = LogRecovery.NameVersions(bytes).Concat(listed).Distinct().Where(v => !IsIntact(recovered.Passports, v)).ToList();
            foreach (var version in versions)
            {
                MarkDamaged(recovered.Passports, version);
                named.Add(version);
            }
            damage.Add(new StoreDamage(offset, length, path, versions));
        }
        // Listed versions no damaged range holds: the log lost them whole (cut at a frame boundary).
        foreach (var (version, _, _) in missing.Where(e => !named.Contains(e.Version) && e.Offset >= recovered.ValidLength + recovered.TornTailBytes))
        {
            MarkDamaged(recovered.Passports, version);
        }
        // Versions known missing (a later version survived, or listed above) whose bytes could not be recognised.
        var unnamed = recovered.Passports.SelectMany(p => p.Value.DamagedVersions().Select(v => new DamagedVersion(p.Key, v)))
            .Where(v => !named.Contains(v)).ToList();
        if (unnamed.Count > 0)
        {
            damage.Add(new StoreDamage(-1, 0, null, unnamed));
        }
        IReadOnlyList<DamagedVersion> tail = [];
        if (recovered.TornTailBytes > 0 && !tailAcknowledged)
        {
            var bytes = ReadRange(log, recovered.ValidLength, recovered.TornTailBytes);
            Keep(quarantineDirectory, $"torn-tail-{recovered.ValidLength}-{recovered.TornTailBytes}.bin", bytes);
            tail = LogRecovery.NameVersions(bytes);
        }
        return new StoreOpening(damage, recovered.TornTailBytes > 0 && !tailAcknowledged, tail);
    }

    private static bool IsIntact(Dictionary<string, PassportLocations> passports, DamagedVersion version) =>
        passports.TryGetValue(version.PassportId, out var locations) && locations.Find(version.Version) is { } at && at != PassportLocations.Damaged;

    private static void MarkDamaged(Dictionary<string, PassportLocations> passports, DamagedVersion version)
    {
        if (!passports.TryGetValue(version.PassportId, out var locations))
        {
            // Known only from the damaged bytes: it stays visible as damaged instead of vanishing.
            passports[version.PassportId] = locations = new PassportLocations("", DateTimeOffset.MinValue);
        }
        locations.MarkDamagedUpTo(version.Version);
    }

    private static byte[] ReadRange(FileStream log, long offset, long length)
    {
        var bytes = new byte[length];
        RandomAccess.Read(log.SafeFileHandle, bytes, offset);
        return bytes;
    }

    /// <summary>Copies the bytes aside once; with no directory (an offline check) nothing is written.</summary>
    private static string? Keep(string? directory, string name, byte[] bytes)
    {
        if (directory is null)
        {
            return null;
        }
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, bytes);
        }
        return path;
    }
}
