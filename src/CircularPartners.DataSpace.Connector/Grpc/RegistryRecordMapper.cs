using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Espr;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>Maps an ESPR registry record to the wire; an absent value stays empty (and is listed as missing).</summary>
internal static class RegistryRecordMapper
{
    public static RegistryRecord ToWire(EsprRegistryRecord record) => new()
    {
        PassportId = record.PassportId,
        Version = record.Version,
        UniqueProductIdentifier = ToWire(record.UniqueProductIdentifier),
        OperatorIdentifier = ToWire(record.OperatorIdentifier),
        FacilityIdentifiers = { record.FacilityIdentifiers.Select(ToWire) },
        CommodityCode = record.CommodityCode ?? "",
        DataCarrierType = record.DataCarrierType ?? "",
        Granularity = record.Granularity ?? "",
        LiveUrl = record.LiveUrl ?? "",
        BackupUrl = record.BackupUrl ?? "",
        Missing = { record.Missing.Select(m => new Contracts.V1.MissingRegistryField { Field = m.Field, Reason = m.Reason }) },
    };

    private static SchemedIdentifier? ToWire(EsprIdentifier? identifier) =>
        identifier is null ? null : new SchemedIdentifier { Scheme = identifier.Scheme, Value = identifier.Value };
}
