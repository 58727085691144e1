using System.CommandLine;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// <c>cpds passport registry-record ID</c>: what the EU DPP registry needs about a passport, with
/// every field the passport does not carry listed as missing and why (owner or operator only).
/// </summary>
internal static class RegistryRecordCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = new Argument<string>("ID") { Description = "Passport id" };
        var command = new Command("registry-record", "Show the ESPR registry record of a passport (owner or operator); missing fields are listed") { id };
        runner.Bind(command, async (parseResult, context) =>
        {
            var record = await context.Passports.GetRegistryRecordAsync(
                new GetRegistryRecordRequest { PassportId = parseResult.GetRequiredValue(id) }, context.CallOptions());
            if (context.Json)
            {
                context.Out.WriteLine(PassportFormatter.ToJson(record));
                return ExitCodes.Success;
            }
            var output = context.Out;
            output.WriteLine($"passport:            {record.PassportId} (version {record.Version})");
            output.WriteLine($"product identifier:  {Identifier(record.UniqueProductIdentifier)}");
            output.WriteLine($"operator:            {Identifier(record.OperatorIdentifier)}");
            output.WriteLine($"facilities:          {(record.FacilityIdentifiers.Count == 0 ? "-" : string.Join(", ", record.FacilityIdentifiers.Select(Identifier)))}");
            output.WriteLine($"commodity code:      {Value(record.CommodityCode)}");
            output.WriteLine($"data carrier:        {Value(record.DataCarrierType)}");
            output.WriteLine($"granularity:         {Value(record.Granularity)}");
            output.WriteLine($"live URL:            {Value(record.LiveUrl)}");
            output.WriteLine($"backup URL:          {Value(record.BackupUrl)}");
            foreach (var missing in record.Missing)
            {
                output.WriteLine($"missing {missing.Field}: {missing.Reason}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Identifier(SchemedIdentifier? identifier) => identifier is null ? "-" : $"{identifier.Value} ({identifier.Scheme})";

    private static string Value(string value) => value.Length == 0 ? "-" : value;
}
