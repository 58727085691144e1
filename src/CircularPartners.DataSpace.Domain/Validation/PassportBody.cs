namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>A passport body as it arrived: JSON text, or raw bytes whose encoding is still to be checked.</summary>
public sealed record PassportBody
{
    private PassportBody(string? text, ReadOnlyMemory<byte> bytes) => (Text, Bytes) = (text, bytes);

    public string? Text { get; }
    public ReadOnlyMemory<byte> Bytes { get; }

    public static PassportBody FromText(string text) => new(text, default);
    public static PassportBody FromBytes(ReadOnlyMemory<byte> bytes) => new(null, bytes);

    public long ByteCount => Text is null ? Bytes.Length : System.Text.Encoding.UTF8.GetByteCount(Text);
}
