using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// Reads the log at start-up. Everything acknowledged was flushed before anything after it was
/// written, so the first damaged frame marks the end of the durable log: it and everything
/// after it was never acknowledged and is cut off.
/// </summary>
internal static class LogRecovery
{
    public sealed record Result(Dictionary<string, PassportLocations> Passports, long ValidLength, long DiscardedBytes);

    public static Result Scan(FileStream log)
    {
        var passports = new Dictionary<string, PassportLocations>(StringComparer.Ordinal);
        var header = new byte[RecordFrame.HeaderSize];
        long offset = 0;
        log.Position = 0;
        while (true)
        {
            if (log.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                break;
            }
            var length = RecordFrame.PayloadLength(header);
            if (length < 0 || offset + RecordFrame.HeaderSize + length > log.Length)
            {
                break;
            }
            var frame = new byte[RecordFrame.HeaderSize + length];
            header.CopyTo(frame, 0);
            log.ReadExactly(frame, RecordFrame.HeaderSize, length);
            if (!RecordFrame.IsIntact(frame))
            {
                break;
            }
            var record = StoredRecordSerializer.Deserialize(frame.AsSpan(RecordFrame.HeaderSize));
            passports.TryGetValue(record.PassportId, out var locations);
            if (record.Version != (locations?.CurrentVersion ?? 0) + 1)
            {
                break; // out of order can only come from a damaged tail
            }
            if (locations is null)
            {
                passports[record.PassportId] = locations = new PassportLocations(record.Owner, record.CreatedAt);
            }
            locations.Add(offset, frame.Length);
            offset += frame.Length;
        }
        return new Result(passports, offset, log.Length - offset);
    }

    public static PassportRecord Read(Microsoft.Win32.SafeHandles.SafeFileHandle handle, (long Offset, int Length) at)
    {
        var frame = new byte[at.Length];
        RandomAccess.Read(handle, frame, at.Offset);
        return StoredRecordSerializer.Deserialize(frame.AsSpan(RecordFrame.HeaderSize));
    }
}
