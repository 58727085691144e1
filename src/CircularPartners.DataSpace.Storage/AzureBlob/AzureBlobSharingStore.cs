using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Storage.FileSystem;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// Sharing state in the passport container, shared by every replica: each offer, negotiation,
/// agreement and publishing delegation is one JSON blob under <c>sharing/</c>, replaced whole on save.
/// <para>The domain reads sharing state synchronously (<see cref="FindAgreement"/> on every token
/// call), so each replica keeps an in-memory view, loaded before the server accepts calls
/// (<see cref="LoadAsync"/>) and refreshed by <see cref="FollowAsync"/>: every
/// <c>Storage:AzureBlob:JournalPollMilliseconds</c> (the passport journal's interval, default
/// 250 ms) it lists the prefix and downloads the blobs whose ETag changed. A termination saved
/// through another replica is therefore honoured here within one poll interval plus one listing
/// (longer only while the store is unreachable). An agreement the view does not hold yet is read
/// from its blob before it is declared unknown (<see cref="FindAgreementAsync"/>), so one just made
/// through another replica is found at once.</para>
/// <para>Listing costs one request per 5,000 records per poll; sharing records are never deleted.</para>
/// </summary>
public sealed class AzureBlobSharingStore : ISharingStore, IDelegationStore
{
    private const int ListPageSize = 5000;
    private readonly BlobContainerClient _container;
    private readonly StoreResilience _resilience;
    private readonly TimeProvider _clock;
    private readonly SharingView _view = new();
    private string? _tokenKeyPem;
    private volatile bool _containerReady;

    /// <param name="clock">Times retries, timeouts, the circuit breaker and polling; real time in production.</param>
    /// <param name="outage">Told about every storage call's outcome, to report outages once each; shared by the stores of one container.</param>
    public AzureBlobSharingStore(AzureBlobStoreOptions options, TimeProvider clock, StoreOutageMonitor? outage = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
        _container = options.CreateContainerClient();
        _resilience = new StoreResilience(options, clock, outage);
        _clock = clock;
        PollInterval = TimeSpan.FromMilliseconds(options.JournalPollMilliseconds);
    }

    /// <summary>How often <see cref="FollowAsync"/> takes in other replicas' changes: the bound on how stale the view is.</summary>
    public TimeSpan PollInterval { get; }

    public IReadOnlyCollection<Offer> Offers => _view.Offers;
    public IReadOnlyCollection<Negotiation> Negotiations => _view.Negotiations;
    public IReadOnlyCollection<Agreement> Agreements => _view.Agreements;
    public IReadOnlyCollection<Delegation> Delegations => _view.Delegations;

    public Agreement? FindAgreement(string agreementId) => _view.Agreement(agreementId);

    public async Task<Agreement?> FindAgreementAsync(string agreementId, CancellationToken cancellationToken)
    {
        if (_view.Agreement(agreementId) is { } known)
        {
            return known;
        }
        await TakeInAsync(BlobLayout.Agreement(agreementId), cancellationToken);
        return _view.Agreement(agreementId);
    }

    /// <summary>Offers are written once, so the view's copy is current; a miss is read from the store.</summary>
    public async Task<Offer?> FindOfferAsync(string offerId, CancellationToken cancellationToken)
    {
        if (_view.Offer(offerId) is { } known)
        {
            return known;
        }
        await TakeInAsync(BlobLayout.Offer(offerId), cancellationToken);
        return _view.Offer(offerId);
    }

    /// <summary>Always read from the store: the previous step may have been answered by another replica a moment ago.</summary>
    public async Task<Negotiation?> FindNegotiationAsync(string negotiationId, CancellationToken cancellationToken)
    {
        await TakeInAsync(BlobLayout.Negotiation(negotiationId), cancellationToken);
        return _view.Negotiation(negotiationId);
    }

    // Offers and negotiations are replaced unconditionally, as the file store's latest line wins: each
    // is written by the flow step that owns it, so an ETag condition would only turn the pipeline's
    // retries into conflicts.
    public Task SaveOfferAsync(Offer offer, CancellationToken cancellationToken) =>
        UploadAsync(BlobLayout.Offer(offer.OfferId), JsonSerializer.SerializeToUtf8Bytes(offer, SharingJsonContext.Default.Offer), createOnly: false, cancellationToken);

    public Task SaveNegotiationAsync(Negotiation negotiation, CancellationToken cancellationToken) =>
        UploadAsync(BlobLayout.Negotiation(negotiation.NegotiationId), JsonSerializer.SerializeToUtf8Bytes(negotiation, SharingJsonContext.Default.Negotiation), createOnly: false, cancellationToken);

    /// <summary>A delegation is written when added and again when removed; another replica sees either within one poll.</summary>
    public Task SaveDelegationAsync(Delegation delegation, CancellationToken cancellationToken) =>
        UploadAsync(BlobLayout.Delegation(delegation.DelegationId), JsonSerializer.SerializeToUtf8Bytes(delegation, SharingJsonContext.Default.Delegation), createOnly: false, cancellationToken);

    /// <summary>
    /// An agreement is written twice at most: created (If-None-Match:*), then terminated. A creation
    /// that finds the blob there, a retry or a replica acting on a stale view, takes in the stored
    /// one instead, so nothing ever turns a terminated agreement back into an active one.
    /// </summary>
    public async Task SaveAgreementAsync(Agreement agreement, CancellationToken cancellationToken)
    {
        var name = BlobLayout.Agreement(agreement.AgreementId);
        var json = JsonSerializer.SerializeToUtf8Bytes(agreement, SharingJsonContext.Default.Agreement);
        if (!await UploadAsync(name, json, createOnly: !agreement.Terminated, cancellationToken))
        {
            await TakeInAsync(name, cancellationToken);
        }
    }

    /// <summary>Creates the container if needed, takes in every record and loads (or creates) the shared token signing key.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        await RefreshAsync(cancellationToken);
        _tokenKeyPem = await TokenKeyBlob.LoadOrCreateAsync(_container, _resilience, cancellationToken);
    }

    /// <summary>The data-access token signing key all replicas share; available once <see cref="LoadAsync"/> has run.</summary>
    public ECDsa CreateTokenSigningKey()
    {
        var pem = _tokenKeyPem ?? throw new InvalidOperationException("The sharing store has not been loaded yet.");
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key;
    }

    /// <summary>
    /// Takes in other replicas' changes every <see cref="PollInterval"/> until cancelled; an outage
    /// is retried at the next poll (and reported once, by the container's <see cref="StoreOutageMonitor"/>).
    /// </summary>
    public async Task FollowAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(cancellationToken);
                await Task.Delay(PollInterval, _clock, cancellationToken);
            }
            catch (StoreUnavailableException)
            {
                await Task.Delay(PollInterval, _clock, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One pass: lists the sharing prefix and takes in every blob whose ETag differs from the view's.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await ListPageAsync(continuation, cancellationToken);
            if (page is null)
            {
                return;
            }
            var changed = page.Values.Where(blob => blob.Properties.ETag is { } etag && !_view.IsCurrent(blob.Name, etag)).Select(blob => blob.Name);
            await Parallel.ForEachAsync(changed, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (name, token) => await TakeInAsync(name, token));
            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    public async Task<bool> TrySpendTokenAsync(string tokenId, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var blob = _container.GetBlobClient(BlobLayout.SpentToken(tokenId));
        // Unique to this attempt, so a retried upload whose first try landed is recognised as ours.
        var use = $"{Guid.NewGuid():N} {expires:O}";
        try
        {
            await RunAsync(async token => (await blob.UploadAsync(BinaryData.FromString(use),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, token)).Value, cancellationToken);
            return true;
        }
        catch (StoreUnavailableException ex) when (ex.InnerException is RequestFailedException { Status: 409 or 412 })
        {
            var stored = await RunAsync(async token => (await blob.DownloadContentAsync(token)).Value.Content, cancellationToken);
            return stored.ToString() == use;
        }
    }

    /// <summary>Writes one record and takes it into the view; false when <paramref name="createOnly"/> found the blob there.</summary>
    private async Task<bool> UploadAsync(string name, byte[] json, bool createOnly, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var options = createOnly ? new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } } : new BlobUploadOptions();
        BlobContentInfo info;
        try
        {
            info = await RunAsync(async token => (await _container.GetBlobClient(name).UploadAsync(new BinaryData(json), options, token)).Value, cancellationToken);
        }
        catch (RecordMissingException ex)
        {
            _containerReady = false; // the container was deleted underneath: recreate it on the next save
            throw new StoreUnavailableException("The sharing store's container is missing; retry shortly.", ex);
        }
        catch (StoreUnavailableException ex) when (createOnly && ex.InnerException is RequestFailedException { Status: 409 or 412 })
        {
            return false;
        }
        _view.Apply(name, json, info.ETag);
        return true;
    }

    /// <summary>Downloads one record and takes it in, unless a save of this replica overtook the download.</summary>
    private async Task TakeInAsync(string name, CancellationToken cancellationToken)
    {
        var seen = _view.KnownETag(name);
        BlobDownloadResult result;
        try
        {
            result = await RunAsync(async token => (await _container.GetBlobClient(name).DownloadContentAsync(token)).Value, cancellationToken);
        }
        catch (RecordMissingException)
        {
            return;
        }
        _view.ApplyIfUnchanged(name, seen, result.Content.ToMemory().Span, result.Details.ETag);
    }

    private async Task<Page<BlobItem>?> ListPageAsync(string? continuation, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(async token =>
            {
                await foreach (var page in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = BlobLayout.SharingPrefix }, token).AsPages(continuation, ListPageSize))
                {
                    return page;
                }
                return null;
            }, cancellationToken);
        }
        catch (RecordMissingException)
        {
            return null; // no container yet: nothing shared so far
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady)
        {
            await RunAsync(async token => (await _container.CreateIfNotExistsAsync(cancellationToken: token))?.Value, cancellationToken);
            _containerReady = true;
        }
    }

    /// <summary>Runs a call through the resilience pipeline; Azure's answers stay in here (404 as <see cref="RecordMissingException"/>).</summary>
    private async Task<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _resilience.RunAsync(call, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new RecordMissingException(ex);
        }
        catch (RequestFailedException ex)
        {
            throw new StoreUnavailableException("The sharing store refused the request; retry shortly.", ex);
        }
    }

    private sealed class RecordMissingException(Exception inner) : Exception("Not found.", inner);
}
