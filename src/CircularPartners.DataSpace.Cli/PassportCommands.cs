using System.CommandLine;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// The <c>passport</c> command group. Other groups (<c>registry</c>, <c>bench</c>) get their own
/// builder next to this one and are added in <see cref="CliApp"/>.
/// </summary>
internal static class PassportCommands
{
    public static Command Create(CommandRunner runner) =>
        new("passport", "Publish, read, query and withdraw digital product passports")
        {
            PublishCommand.Create(runner),
            GetCommand.Create(runner),
            HistoryCommand.Create(runner),
            QueryCommand.Create(runner),
            WithdrawCommand.Create(runner),
            RegistryRecordCommand.Create(runner),
            ExportCommand.Create(runner),
            ImportCommand.Create(runner),
        };
}
