using System.Globalization;
using System.Text;
using System.Text.Json;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// A second, independent record of which versions the log holds and where: one line per version
/// (<c>"id"\tversion\toffset\tlength</c>), appended after each batch is durable in the log. It is
/// what names a damaged record whose own bytes are unreadable, and what tells acknowledged damage
/// at the end of the log from a torn write (a torn write was never listed here). It is only handed
/// to the operating system, not flushed to disk: losing its tail in a power cut only makes start-up
/// as cautious as it was without it.
/// </summary>
internal sealed class VersionDirectory : IDisposable
{
    private readonly FileStream _file;

    private VersionDirectory(FileStream file) => _file = file;

    public static VersionDirectory Open(string path)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        file.Position = file.Length;
        return new VersionDirectory(file);
    }

    /// <summary>Every listed version; unreadable lines (a torn or damaged line) are skipped.</summary>
    public static IReadOnlyList<(DamagedVersion Version, long Offset, int Length)> Read(string path)
    {
        var entries = new List<(DamagedVersion, long, int)>();
        if (!File.Exists(path))
        {
            return entries;
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (parts.Length == 4 && TryId(parts[0], out var id)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                entries.Add((new DamagedVersion(id, version), offset, length));
            }
        }
        return entries;
    }

    /// <summary>
    /// Where the last listed version ends in the log (0 when nothing is listed), read from the
    /// file's end only: a log shorter than that lost acknowledged records even where no damaged
    /// byte is left to find.
    /// </summary>
    public static long ListedEnd(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var tail = new byte[(int)Math.Min(stream.Length, 4096)];
        stream.Position = stream.Length - tail.Length;
        stream.ReadExactly(tail);
        var lines = Encoding.UTF8.GetString(tail).Split('\n');
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var parts = lines[i].Split('\t');
            if (parts.Length == 4 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return offset + length;
            }
        }
        return 0;
    }

    public void Append(IEnumerable<(string PassportId, long Version, long Offset, int Length)> written)
    {
        var lines = new StringBuilder();
        foreach (var (id, version, offset, length) in written)
        {
            lines.Append(JsonSerializer.Serialize(id)).Append('\t').Append(version.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(offset.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        _file.Write(Encoding.UTF8.GetBytes(lines.ToString()));
        _file.Flush(flushToDisk: false);
    }

    private static bool TryId(string quoted, out string id)
    {
        try
        {
            id = JsonSerializer.Deserialize<string>(quoted) ?? "";
            return id.Length > 0;
        }
        catch (JsonException)
        {
            id = "";
            return false;
        }
    }

    public void Dispose() => _file.Dispose();
}
