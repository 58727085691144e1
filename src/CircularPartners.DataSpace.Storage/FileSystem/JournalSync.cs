namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>When an append to a JSON-lines journal is acknowledged.</summary>
public enum JournalSync
{
    /// <summary>Once the line is on disk (fsync): survives a power loss.</summary>
    OnDisk,

    /// <summary>
    /// Once the operating system holds the line: survives a crash or kill -9 of the process, not
    /// of the machine. A background loop fsyncs back to back, so a power loss can lose at most the
    /// lines written during one fsync.
    /// </summary>
    InOperatingSystem,
}
