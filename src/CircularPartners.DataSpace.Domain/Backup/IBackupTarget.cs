using CircularPartners.DataSpace.Domain.Audit;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Domain.Backup;

/// <summary>
/// A copy of a connector's passport versions and signed audit heads held apart from it (a second
/// blob container, ideally at a second provider). Versions are written once and never replaced:
/// putting a version that is there already is answered, not repeated, so a follower that resumes
/// after a crash can offer again what it may have copied before.
/// </summary>
public interface IBackupTarget
{
    /// <summary>Where the copy is, for logs and status (no secrets).</summary>
    string Description { get; }

    /// <summary>Stores the version unless the target holds it; throws <see cref="BackupUnavailableException"/> when the target does not answer.</summary>
    Task<BackupWrite> PutVersionAsync(PassportRecord record, CancellationToken cancellationToken);

    /// <summary>Stores a signed audit head unless the target holds it.</summary>
    Task<BackupWrite> PutAuditHeadAsync(SignedAuditHead head, CancellationToken cancellationToken);

    /// <summary>Every backed-up version, each passport's versions together and oldest first; a damaged copy comes with its problem.</summary>
    IAsyncEnumerable<BackedUpVersion> ReadVersionsAsync(CancellationToken cancellationToken);

    /// <summary>Every backed-up signed audit head, oldest first; a damaged copy comes with its problem.</summary>
    IAsyncEnumerable<BackedUpAuditHead> ReadAuditHeadsAsync(CancellationToken cancellationToken);
}

/// <summary>What a put found.</summary>
public enum BackupWrite
{
    /// <summary>Written now.</summary>
    Stored,

    /// <summary>The target held it already, with the same hash (a resumed copy).</summary>
    AlreadyPresent,

    /// <summary>The target holds something else under the same name; nothing was overwritten.</summary>
    Conflict,
}

/// <summary>One backed-up version: its record when intact, else the <see cref="Problem"/> found (named by the copy's location).</summary>
public sealed record BackedUpVersion(string PassportId, long Version, PassportRecord? Record, string? Problem);

/// <summary>One backed-up signed head: intact (its signature verifies) or the <see cref="Problem"/> found.</summary>
public sealed record BackedUpAuditHead(string Name, SignedAuditHead? Head, string? Problem);

/// <summary>The backup target did not answer (outage, refused credentials); the follower retries.</summary>
public sealed class BackupUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
