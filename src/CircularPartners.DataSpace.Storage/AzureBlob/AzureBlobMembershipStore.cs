using System.Text.Json;
using Azure;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Membership;
using CircularPartners.DataSpace.Storage.FileSystem;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// The membership registry in the shared container, so every secretariat replica answers from the
/// same participants and enforces the same revocations. A participant is one blob, replaced only
/// over the ETag this replica last saw (If-Match; If-None-Match:* for a new one); a revocation is
/// one blob named by its sequence and created once, so two replicas never give out the same
/// sequence. A write that loses such a race takes the winner's record in and throws
/// <see cref="ConcurrentUpdateException"/>: the registry re-applies its command to it.
/// <para>The domain reads membership synchronously, so each replica keeps a view, loaded before
/// the server accepts calls (<see cref="LoadAsync"/>) and refreshed by <see cref="RefreshAsync"/>
/// every <see cref="PollInterval"/> (<c>Storage:AzureBlob:JournalPollMilliseconds</c>): one
/// listing per 5,000 records, and a download only of what changed.</para>
/// </summary>
public sealed class AzureBlobMembershipStore : IMembershipStore
{
    private readonly BlobRecords _blobs;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Participant Participant, ETag ETag)> _participants = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, Revocation> _revocations = [];
    private readonly HashSet<string> _revocationBlobs = new(StringComparer.Ordinal);

    /// <param name="clock">Times retries, timeouts and the circuit breaker; real time in production.</param>
    /// <param name="outage">The container's outage monitor, which reports an outage once for every adapter on it.</param>
    public AzureBlobMembershipStore(AzureBlobStoreOptions options, TimeProvider clock, StoreOutageMonitor? outage = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
        _blobs = new BlobRecords(options.CreateContainerClient(), new StoreResilience(options, clock, outage), "membership");
        PollInterval = TimeSpan.FromMilliseconds(options.JournalPollMilliseconds);
    }

    /// <summary>How often the view should be refreshed: the bound on how late another replica's revocation is enforced here.</summary>
    public TimeSpan PollInterval { get; }

    public IReadOnlyCollection<Participant> Participants
    {
        get
        {
            lock (_gate)
            {
                return [.. _participants.Values.Select(p => p.Participant)];
            }
        }
    }

    /// <summary>In sequence order.</summary>
    public IReadOnlyList<Revocation> Revocations
    {
        get
        {
            lock (_gate)
            {
                return [.. _revocations.Values];
            }
        }
    }

    /// <summary>Creates the container if needed and takes in every record.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _blobs.EnsureContainerAsync(cancellationToken);
        await RefreshAsync(cancellationToken);
    }

    /// <summary>One pass: lists the membership prefix and takes in new revocations and changed participants.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var listed = await _blobs.ListAsync(BlobLayout.MembershipPrefix, cancellationToken);
        var changed = listed.Where(IsNew).Select(b => b.Name);
        await Parallel.ForEachAsync(changed, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (name, token) => await TakeInAsync(name, token));
    }

    public async Task SaveParticipantAsync(Participant participant, CancellationToken cancellationToken)
    {
        var name = BlobLayout.Participant(participant.ParticipantId);
        var json = JsonSerializer.SerializeToUtf8Bytes(participant, MembershipJsonContext.Default.Participant);
        var seen = KnownETag(name);
        var (written, stored) = await _blobs.ReplaceAsync(name, json, seen, cancellationToken);
        TakeIn(name, stored.Content.ToMemory().Span, stored.ETag, seen);
        if (!written)
        {
            throw new ConcurrentUpdateException($"Participant '{participant.ParticipantId}' was changed through another replica at the same moment.");
        }
    }

    public async Task SaveRevocationAsync(Revocation revocation, CancellationToken cancellationToken)
    {
        var name = BlobLayout.Revocation(revocation.Sequence);
        var (created, stored) = await _blobs.CreateOnceAsync(name, JsonSerializer.SerializeToUtf8Bytes(revocation, MembershipJsonContext.Default.Revocation), cancellationToken);
        TakeIn(name, stored.Content.ToMemory().Span, stored.ETag, KnownETag(name));
        if (!created)
        {
            throw new ConcurrentUpdateException($"Revocation sequence {revocation.Sequence} was taken through another replica at the same moment.");
        }
    }

    private bool IsNew(ListedBlob blob)
    {
        lock (_gate)
        {
            return blob.Name.StartsWith(BlobLayout.RevocationsPrefix, StringComparison.Ordinal)
                ? !_revocationBlobs.Contains(blob.Name) // created once, never changed
                : !(_participants.TryGetValue(blob.Name, out var known) && known.ETag == blob.ETag);
        }
    }

    private ETag KnownETag(string name)
    {
        lock (_gate)
        {
            return _participants.TryGetValue(name, out var known) ? known.ETag : default;
        }
    }

    /// <summary>Downloads one record and takes it in, unless a save of this replica overtook the download.</summary>
    private async Task<StoredBlob?> TakeInAsync(string name, CancellationToken cancellationToken)
    {
        var seen = KnownETag(name);
        var stored = await _blobs.DownloadAsync(name, cancellationToken);
        if (stored is not null)
        {
            TakeIn(name, stored.Content.ToMemory().Span, stored.ETag, seen);
        }
        return stored;
    }

    private void TakeIn(string name, ReadOnlySpan<byte> json, ETag etag, ETag seen)
    {
        try
        {
            lock (_gate)
            {
                if (name.StartsWith(BlobLayout.RevocationsPrefix, StringComparison.Ordinal))
                {
                    var revocation = JsonSerializer.Deserialize(json, MembershipJsonContext.Default.Revocation)!;
                    _revocations[revocation.Sequence] = revocation;
                    _revocationBlobs.Add(name);
                }
                else if (name.StartsWith(BlobLayout.ParticipantsPrefix, StringComparison.Ordinal) && KnownETagUnlocked(name) == seen)
                {
                    _participants[name] = (JsonSerializer.Deserialize(json, MembershipJsonContext.Default.Participant)!, etag);
                }
            }
        }
        catch (JsonException)
        {
            // A record this version cannot read (written by a newer one) stays out of the view rather than stopping the refresh.
        }
    }

    private ETag KnownETagUnlocked(string name) => _participants.TryGetValue(name, out var known) ? known.ETag : default;
}
