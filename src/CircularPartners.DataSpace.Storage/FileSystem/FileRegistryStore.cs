using System.Security.Cryptography;
using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Registry;

namespace CircularPartners.DataSpace.Storage.FileSystem;

/// <summary>
/// The use-case registry as one JSON snapshot under <c>{DataDirectory}/registry/registry.json</c>.
/// A save writes a temp file, flushes it to disk, then renames it over the old one, so a crash
/// leaves either the old snapshot or the new one, never half of either. The version is a hash of
/// the file's bytes: a save over a version that is no longer the file's is refused, as on the
/// shared store.
/// </summary>
public sealed class FileRegistryStore(string dataDirectory) : IRegistryStore
{
    // One gate per snapshot file in the process, so the version check and the rename are one step
    // even for two store instances on the same directory (a test's two "replicas", a CLI command).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private readonly string _directory = Path.Combine(dataDirectory, "registry");

    private SemaphoreSlim Gate => Gates.GetOrAdd(Path.GetFullPath(SnapshotPath), _ => new SemaphoreSlim(1, 1));

    public string SnapshotPath => Path.Combine(_directory, "registry.json");

    public async Task<StoredRegistry?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is not { } bytes)
        {
            return null;
        }
        try
        {
            var snapshot = JsonSerializer.Deserialize<RegistrySnapshot>(bytes, RegistrySeed.JsonOptions)
                ?? throw new JsonException("The snapshot is empty.");
            return new StoredRegistry(snapshot, VersionOf(bytes));
        }
        catch (JsonException ex)
        {
            throw new IOException($"The registry snapshot '{SnapshotPath}' is not valid JSON; restore it from a backup (setting Storage:DataDirectory).", ex);
        }
    }

    public async Task<string?> VersionAsync(CancellationToken cancellationToken) =>
        await ReadAsync(cancellationToken) is { } bytes ? VersionOf(bytes) : null;

    public async Task<string> SaveAsync(RegistrySnapshot snapshot, string? expectedVersion, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(snapshot, RegistrySeed.JsonOptions);
        var gate = Gate;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await VersionAsync(cancellationToken) != expectedVersion)
            {
                throw new ConcurrentUpdateException("The registry was changed by another writer at the same moment.");
            }
            Directory.CreateDirectory(_directory);
            var temp = SnapshotPath + ".tmp";
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, SnapshotPath, overwrite: true);
            FlushDirectory();
            return VersionOf(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException("The registry could not be saved; the change was not made.", ex);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<byte[]?> ReadAsync(CancellationToken cancellationToken) =>
        File.Exists(SnapshotPath) ? await File.ReadAllBytesAsync(SnapshotPath, cancellationToken) : null;

    private static string VersionOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

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
