using System.Text.Json;
using Azure;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Registry;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// The use-case registry in the shared container: one snapshot blob (<c>registry/registry.json</c>),
/// its ETag the version. A save is conditional on the ETag its writer loaded (If-Match; If-None-Match:*
/// for the first), so two replicas changing the registry at once never lose a change: the second
/// is refused, re-reads and re-applies its command (two proposals get two ids). Replicas notice
/// another's change by polling <see cref="VersionAsync"/>, one request per poll.
/// </summary>
public sealed class AzureBlobRegistryStore : IRegistryStore
{
    private readonly BlobRecords _blobs;

    /// <param name="clock">Times retries, timeouts and the circuit breaker; real time in production.</param>
    /// <param name="outage">The container's outage monitor, which reports an outage once for every adapter on it.</param>
    public AzureBlobRegistryStore(AzureBlobStoreOptions options, TimeProvider clock, StoreOutageMonitor? outage = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
        _blobs = new BlobRecords(options.CreateContainerClient(), new StoreResilience(options, clock, outage), "registry");
        PollInterval = TimeSpan.FromMilliseconds(options.JournalPollMilliseconds);
    }

    /// <summary>How often replicas should look for another's change: the bound on how stale a replica's registry is.</summary>
    public TimeSpan PollInterval { get; }

    public async Task<StoredRegistry?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await _blobs.DownloadAsync(BlobLayout.RegistrySnapshot, cancellationToken) is not { } stored)
        {
            return null;
        }
        try
        {
            var snapshot = JsonSerializer.Deserialize<RegistrySnapshot>(stored.Content.ToMemory().Span, RegistrySeed.JsonOptions)
                ?? throw new JsonException("The snapshot is empty.");
            return new StoredRegistry(snapshot, stored.ETag.ToString());
        }
        catch (JsonException ex)
        {
            throw new StoreUnavailableException($"The registry snapshot '{BlobLayout.RegistrySnapshot}' in the store is not valid JSON; restore it from a backup.", ex);
        }
    }

    public async Task<string> SaveAsync(RegistrySnapshot snapshot, string? expectedVersion, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(snapshot, RegistrySeed.JsonOptions);
        var expected = expectedVersion is null ? default : new ETag(expectedVersion);
        var (written, stored) = await _blobs.ReplaceAsync(BlobLayout.RegistrySnapshot, json, expected, cancellationToken);
        return written ? stored.ETag.ToString() : throw new ConcurrentUpdateException("The registry was changed through another replica at the same moment.");
    }

    public async Task<string?> VersionAsync(CancellationToken cancellationToken) =>
        (await _blobs.ETagAsync(BlobLayout.RegistrySnapshot, cancellationToken))?.ToString();
}
