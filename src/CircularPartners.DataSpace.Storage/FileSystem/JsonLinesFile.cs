using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// A small durable journal: one JSON document per line, each append flushed to disk before it
/// returns. For low-volume state (offers, negotiations, agreements). A torn last line, from a
/// crash mid-append, was never acknowledged and is dropped when the file is read.
/// </summary>
internal sealed class JsonLinesFile<T> : IDisposable
{
    private readonly FileStream _file;
    private readonly JsonTypeInfo<T> _type;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public JsonLinesFile(string path, JsonTypeInfo<T> type)
    {
        _type = type;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
    }

    public IReadOnlyList<T> ReadAll()
    {
        var items = new List<T>();
        _file.Position = 0;
        using var reader = new StreamReader(_file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        long goodLength = 0;
        while (reader.ReadLine() is { } line)
        {
            try
            {
                items.Add(JsonSerializer.Deserialize(line, _type)!);
                goodLength += Encoding.UTF8.GetByteCount(line) + 1;
            }
            catch (JsonException)
            {
                break;
            }
        }
        _file.SetLength(Math.Min(goodLength, _file.Length));
        _file.Position = _file.Length;
        return items;
    }

    public async Task AppendAsync(T item, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(item, _type);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _file.WriteAsync(bytes, CancellationToken.None);
            _file.WriteByte((byte)'\n');
            _file.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        _gate.Dispose();
    }
}
