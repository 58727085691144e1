using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Registry;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// The use-case registry as one JSON snapshot under <c>{DataDirectory}/registry/registry.json</c>.
/// A save writes a temp file, flushes it to disk, then renames it over the old one, so a crash
/// leaves either the old snapshot or the new one, never half of either.
/// </summary>
public sealed class FileRegistryStore(string dataDirectory) : IRegistryStore
{
    private readonly string _directory = Path.Combine(dataDirectory, "registry");

    public string SnapshotPath => Path.Combine(_directory, "registry.json");

    public async Task<RegistrySnapshot?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(SnapshotPath))
        {
            return null;
        }
        try
        {
            await using var stream = File.OpenRead(SnapshotPath);
            return await JsonSerializer.DeserializeAsync<RegistrySnapshot>(stream, RegistrySeed.JsonOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new IOException($"The registry snapshot '{SnapshotPath}' is not valid JSON; restore it from a backup (setting Storage:DataDirectory).", ex);
        }
    }

    public async Task SaveAsync(RegistrySnapshot snapshot, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        var temp = SnapshotPath + ".tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await JsonSerializer.SerializeAsync(stream, snapshot, RegistrySeed.JsonOptions, cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, SnapshotPath, overwrite: true);
            FlushDirectory();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException("The registry could not be saved; the change was not made.", ex);
        }
    }

    // The rename is durable only once the directory entry is on disk; not possible on Windows.
    private void FlushDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        try
        {
            using var handle = File.OpenHandle(_directory, FileMode.Open, FileAccess.Read);
            RandomAccess.FlushToDisk(handle);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: some platforms refuse a handle on a directory; the rename itself is atomic.
        }
    }
}
