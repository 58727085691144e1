using System.ComponentModel.DataAnnotations;
using CircularPartners.DataSpace.Storage.FileSystem;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>Sovereign sharing settings (configuration section <c>Sharing</c>).</summary>
public sealed class SharingOptions
{
    public const string Section = "Sharing";

    /// <summary>Lifetime of a data-access token in seconds (default 300); refresh while the agreement stands.</summary>
    [Range(10, 86_400)]
    public int TokenLifetimeSeconds { get; set; } = 300;

    /// <summary>
    /// When an access decision's audit record counts as written, so the data may leave:
    /// <c>OnDisk</c> (default, fsync per group of records: survives a power loss) or
    /// <c>InOperatingSystem</c> (survives a crash of the connector, not of the machine; a power loss
    /// can lose the records of one background fsync, and reads no longer wait for the disk).
    /// </summary>
    public JournalSync AuditSync { get; set; } = JournalSync.OnDisk;

    /// <summary>
    /// This connector's gRPC address as other connectors reach it (e.g. https://maker.example:5080),
    /// sent to providers when negotiating so they can deliver a signed notice when they terminate an
    /// agreement. Unset: providers look the address up in the membership registry, if they can.
    /// </summary>
    [Url]
    public string? PublicAddress { get; set; }
}
