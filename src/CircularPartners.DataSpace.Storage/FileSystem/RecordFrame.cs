using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// Framing of one record in the log: magic, payload length, SHA-256 of the payload, payload.
/// The hash makes a torn or half-flushed record detectable after a crash.
/// </summary>
internal static class RecordFrame
{
    public const int HeaderSize = 4 + 4 + 32;
    private const uint Magic = 0x53445043; // "CPDS" little-endian

    /// <summary>The magic as it appears in the file, for finding the next frame after damage.</summary>
    public static ReadOnlySpan<byte> MagicBytes => "CPDS"u8;

    public static byte[] Encode(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), payload.Length);
        SHA256.HashData(payload, frame.AsSpan(8, 32));
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    /// <summary>Payload length from a header, or -1 when the header is not a valid one.</summary>
    public static int PayloadLength(ReadOnlySpan<byte> header) =>
        header.Length >= HeaderSize && BinaryPrimitives.ReadUInt32LittleEndian(header) == Magic
            && BinaryPrimitives.ReadInt32LittleEndian(header[4..]) is var length and >= 0 ? length : -1;

    public static bool IsIntact(ReadOnlySpan<byte> frame)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(frame[HeaderSize..], hash);
        return hash.SequenceEqual(frame.Slice(8, 32));
    }
}
