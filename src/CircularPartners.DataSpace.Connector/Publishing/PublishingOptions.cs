using System.ComponentModel.DataAnnotations;

namespace CircularPartners.DataSpace.Connector.Publishing;

/// <summary>
/// Who publishes as the operator and how much any one publisher may publish (configuration
/// section <c>Publishing</c>). Limits count per authenticated participant and per replica, over a
/// window refilled in tenths: a publisher that used up a limit waits until part of it refills.
/// </summary>
public sealed class PublishingOptions
{
    public const string Section = "Publishing";

    /// <summary>
    /// Economic-operator identifiers (corporate numbers) the operator publishes as its own,
    /// besides its participant id; <c>*</c> = any. Empty outside the development profile; in it,
    /// <c>*</c>, so the example passports publish without set-up.
    /// </summary>
    public string[] OperatorIdentifiers { get; set; } = [];

    /// <summary>The window the limits below count over, in seconds (default 60).</summary>
    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>Passports (versions) one participant may publish per window (default 6,000).</summary>
    [Range(1, 100_000_000)]
    public int RecordsPerWindow { get; set; } = 6_000;

    /// <summary>
    /// Body bytes one participant may publish per window (default 256 MiB); at least
    /// <c>Passports:MaxBodyBytes</c>, so the largest accepted passport fits.
    /// </summary>
    [Range(1024, int.MaxValue)]
    public int BytesPerWindow { get; set; } = 256 * 1024 * 1024;

    /// <summary>Whether the operator's own publishing is limited too (default false: it owns the store).</summary>
    public bool LimitOperator { get; set; }
}
