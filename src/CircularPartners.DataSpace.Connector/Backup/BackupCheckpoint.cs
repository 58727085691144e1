using System.Text.Json;
using System.Text.Json.Serialization;

namespace CircularPartners.DataSpace.Connector.Backup;

/// <summary>
/// How far the backup got: every version before <see cref="Position"/> in the store's log is in
/// <see cref="Target"/> (<see cref="Versions"/> of them), and the last head copied. Kept in
/// <c>{DataDirectory}/backup/checkpoint.json</c>, beside the log its position belongs to: a folder
/// restored from a backup has a new log and no checkpoint, and starts over (finding its versions in
/// place). Replaced whole (write, flush, rename), so a crash leaves the old or the new one.
/// </summary>
internal sealed record BackupCheckpoint(string Target, long Position, long Versions, string? AuditHeadSignature)
{
    public static string PathIn(string dataDirectory) => System.IO.Path.Combine(dataDirectory, "backup", "checkpoint.json");

    /// <summary>The checkpoint for <paramref name="target"/>; a fresh one when there is none, or it is for another target.</summary>
    public static BackupCheckpoint Load(string path, string target)
    {
        try
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllBytes(path), CheckpointJsonContext.Default.BackupCheckpoint);
            if (stored is not null && stored.Target == target)
            {
                return stored;
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
        }
        return new BackupCheckpoint(target, 0, 0, null);
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(JsonSerializer.SerializeToUtf8Bytes(this, CheckpointJsonContext.Default.BackupCheckpoint));
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BackupCheckpoint))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
