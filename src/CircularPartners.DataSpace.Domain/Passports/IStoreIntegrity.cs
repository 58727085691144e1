namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>A store that knows which of its records are damaged (found at start-up or on a read).</summary>
public interface IStoreIntegrity
{
    /// <summary>Damaged versions, and damaged byte ranges whose passports could not be named.</summary>
    IReadOnlyList<StoreDamage> Damage { get; }
}

/// <summary>
/// One damaged stretch of a store: where it is, what was kept aside (quarantine), and the
/// passport versions it held as far as they could be named.
/// </summary>
public sealed record StoreDamage(long Offset, long Length, string? QuarantinePath, IReadOnlyList<DamagedVersion> Versions);

public sealed record DamagedVersion(string PassportId, long Version);
