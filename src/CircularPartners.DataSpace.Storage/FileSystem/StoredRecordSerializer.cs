using System.Text.Json;
using System.Text.Json.Serialization;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>The on-disk form of a version: JSON, source-generated so start-up scans stay fast.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PassportRecord))]
internal sealed partial class StoredRecordJsonContext : JsonSerializerContext;

internal static class StoredRecordSerializer
{
    public static byte[] Serialize(PassportRecord record) =>
        JsonSerializer.SerializeToUtf8Bytes(record, StoredRecordJsonContext.Default.PassportRecord);

    public static PassportRecord Deserialize(ReadOnlySpan<byte> payload) =>
        JsonSerializer.Deserialize(payload, StoredRecordJsonContext.Default.PassportRecord)
        ?? throw new InvalidDataException("Empty record.");
}
