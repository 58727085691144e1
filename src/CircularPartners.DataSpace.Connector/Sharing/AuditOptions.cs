using System.ComponentModel.DataAnnotations;

namespace CircularPartners.DataSpace.Connector.Sharing;

/// <summary>How the audit log's chain head is signed and witnessed (configuration section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// Seconds between signings of the chain head (default 60, at most 60): the head is signed
    /// and sent to the witness when the log grew since, and always on shutdown.
    /// </summary>
    [Range(1, 60)]
    public int HeadIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// Names this connector's log among the logs of its participant's replicas, so the witness
    /// keeps one head per log (the chart sets the pod name when each pod's log is its own);
    /// empty (default) for a connector with one log.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]{0,100}$")]
    public string? LogId { get; set; }
}
