using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using Microsoft.Win32.SafeHandles;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// Reads the log at start-up and tells damage apart from a torn tail. Everything acknowledged was
/// flushed before anything after it was written, so bad bytes with no valid frame after them are
/// a torn tail: never acknowledged, and the only thing that may be cut. Bad bytes followed by a
/// valid frame are corruption of acknowledged data: the scan resynchronises on the next valid
/// frame, and the versions they held become holes that are reported and never served.
/// </summary>
internal static partial class LogRecovery
{
    /// <summary>What the log holds: locations (with holes), where the intact log ends, and the damaged ranges in it.</summary>
    public sealed record Result(Dictionary<string, PassportLocations> Passports, long ValidLength, long TornTailBytes, IReadOnlyList<(long Offset, long Length)> DamagedRanges);

    public static Result Scan(FileStream log)
    {
        var passports = new Dictionary<string, PassportLocations>(StringComparer.Ordinal);
        var damaged = new List<(long, long)>();
        var header = new byte[RecordFrame.HeaderSize];
        var length = log.Length;
        long offset = 0;
        log.Position = 0;
        while (offset < length)
        {
            if (TryReadFrame(log, header, offset, length) is { } frame && TryPlace(frame, offset, passports))
            {
                offset += frame.Length;
                continue;
            }
            var next = FindNextFrame(log.SafeFileHandle, offset + 1, length);
            if (next < 0 && !IsCompleteFrameAt(log.SafeFileHandle, offset, length))
            {
                break; // a torn tail: a write cut short, with nothing valid after it
            }
            // A complete frame that fails its hash was written whole, so acknowledged: damage, never cut.
            next = next < 0 ? length : next;
            damaged.Add((offset, next - offset));
            offset = next;
            log.Position = next;
        }
        return new Result(passports, offset, length - offset, damaged);
    }

    /// <summary>Reads one version, checking its frame hash: a record damaged since start-up is never served.</summary>
    public static PassportRecord Read(SafeFileHandle handle, string passportId, long version, (long Offset, int Length) at)
    {
        if (at == PassportLocations.Damaged)
        {
            throw new StoreDataLossException(passportId, version);
        }
        var frame = new byte[at.Length];
        if (RandomAccess.Read(handle, frame, at.Offset) != frame.Length || RecordFrame.PayloadLength(frame) != at.Length - RecordFrame.HeaderSize
            || !RecordFrame.IsIntact(frame))
        {
            throw new StoreDataLossException(passportId, version);
        }
        return StoredRecordSerializer.Deserialize(frame.AsSpan(RecordFrame.HeaderSize));
    }

    /// <summary>The passport versions whose records can still be recognised in damaged bytes (best effort, for the report).</summary>
    public static IReadOnlyList<DamagedVersion> NameVersions(byte[] damagedBytes)
    {
        // Latin-1 maps each byte to one char, so match positions are byte positions; ids are decoded as UTF-8.
        var text = Encoding.Latin1.GetString(damagedBytes);
        return [.. RecordStart().Matches(text).Select(m => new DamagedVersion(
            JsonUnescape(Encoding.UTF8.GetString(damagedBytes, m.Groups[1].Index, m.Groups[1].Length)),
            long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).Distinct()];
    }

    private static byte[]? TryReadFrame(FileStream log, byte[] header, long offset, long fileLength)
    {
        if (log.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
        {
            return null;
        }
        var payload = RecordFrame.PayloadLength(header);
        if (payload < 0 || offset + RecordFrame.HeaderSize + payload > fileLength)
        {
            return null;
        }
        var frame = new byte[RecordFrame.HeaderSize + payload];
        header.CopyTo(frame, 0);
        log.ReadExactly(frame, RecordFrame.HeaderSize, payload);
        return RecordFrame.IsIntact(frame) ? frame : null;
    }

    /// <summary>Records an intact frame's location; false when it cannot be placed (out of order or unreadable).</summary>
    private static bool TryPlace(byte[] frame, long offset, Dictionary<string, PassportLocations> passports)
    {
        PassportRecord record;
        try
        {
            record = StoredRecordSerializer.Deserialize(frame.AsSpan(RecordFrame.HeaderSize));
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            return false;
        }
        if (!passports.TryGetValue(record.PassportId, out var locations))
        {
            passports[record.PassportId] = locations = new PassportLocations(record.Owner, record.CreatedAt);
        }
        if (record.Version > locations.CurrentVersion)
        {
            // Versions missing before this one were in damaged bytes.
            locations.MarkDamagedUpTo(record.Version - 1);
            locations.Add(offset, frame.Length);
            return true;
        }
        return locations.TryFill(record.Version, offset, frame.Length);
    }

    /// <summary>The offset of the next intact frame at or after <paramref name="from"/>, or -1.</summary>
    private static long FindNextFrame(SafeFileHandle handle, long from, long fileLength)
    {
        var magic = RecordFrame.MagicBytes;
        var chunk = new byte[1 << 20];
        for (var start = from; start < fileLength - RecordFrame.HeaderSize; start += chunk.Length - magic.Length)
        {
            var read = RandomAccess.Read(handle, chunk, start);
            var span = chunk.AsSpan(0, read);
            for (var at = span.IndexOf(magic); at >= 0; at = NextIndex(span, magic, at))
            {
                if (IsFrameAt(handle, start + at, fileLength))
                {
                    return start + at;
                }
            }
            if (read < chunk.Length)
            {
                break;
            }
        }
        return -1;

        static int NextIndex(ReadOnlySpan<byte> span, ReadOnlySpan<byte> magic, int previous) =>
            span[(previous + 1)..].IndexOf(magic) is var next and >= 0 ? previous + 1 + next : -1;
    }

    /// <summary>Whether the bytes at <paramref name="offset"/> are a whole frame by its header, intact or not.</summary>
    private static bool IsCompleteFrameAt(SafeFileHandle handle, long offset, long fileLength) => FrameLengthAt(handle, offset, fileLength) > 0;

    private static bool IsFrameAt(SafeFileHandle handle, long offset, long fileLength)
    {
        var length = FrameLengthAt(handle, offset, fileLength);
        if (length <= 0)
        {
            return false;
        }
        var frame = new byte[length];
        return RandomAccess.Read(handle, frame, offset) == frame.Length && RecordFrame.IsIntact(frame);
    }

    /// <summary>The length of the frame whose header is at <paramref name="offset"/> when it fits in the file, else 0.</summary>
    private static int FrameLengthAt(SafeFileHandle handle, long offset, long fileLength)
    {
        Span<byte> header = stackalloc byte[RecordFrame.HeaderSize];
        if (RandomAccess.Read(handle, header, offset) < header.Length)
        {
            return 0;
        }
        var payload = RecordFrame.PayloadLength(header);
        return payload >= 0 && offset + RecordFrame.HeaderSize + payload <= fileLength ? RecordFrame.HeaderSize + payload : 0;
    }

    private static string JsonUnescape(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<string>("\"" + value + "\"") ?? value;
        }
        catch (JsonException)
        {
            return value;
        }
    }

    // The serializer writes passportId then version first in every record.
    [GeneratedRegex("\"passportId\":\"((?:[^\"\\\\]|\\\\.){1,512})\",\"version\":([0-9]{1,18})")]
    private static partial Regex RecordStart();
}
