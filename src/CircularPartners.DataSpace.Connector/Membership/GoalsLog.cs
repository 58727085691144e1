namespace CircularPartners.DataSpace.Connector.Membership;

/// <summary>Source-generated log messages of members' goals and the secretariat's imports.</summary>
internal static partial class GoalsLog
{
    [LoggerMessage(1601, LogLevel.Information, "{Participant} imported {What} (dry run {DryRun}): {Rows} rows, {Created} created, {Updated} updated, {Unchanged} unchanged, {Refused} refused")]
    public static partial void Imported(ILogger logger, string participant, string what, bool dryRun, int rows, int created, int updated, int unchanged, int refused);
}
