using CircularPartners.DataSpace.Connector.Grpc;
using CircularPartners.DataSpace.Domain.Interop;
using Wire = CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Connector.Interop;

/// <summary>Maps an import's outcome and report to the wire.</summary>
internal static class ImportMapper
{
    public static Wire.ImportPassportResponse ToWire(ImportOutcome outcome) => new()
    {
        Passport = PassportMapper.ToWire(outcome.Published),
        Report = new Wire.PassportImportReport
        {
            Format = outcome.Report.Format,
            Encoding = outcome.Report.Encoding,
            SourceSha256 = outcome.Report.SourceSha256,
            Mapped = { outcome.Report.Mapped.Select(m => new Wire.ImportedField { Source = m.Source, Target = m.Target }) },
            Dropped = { outcome.Report.Dropped.Select(d => new Wire.DroppedImportField { Source = d.Source, Reason = d.Reason }) },
            SchemaNotes = { outcome.Report.SchemaNotes },
        },
    };
}
