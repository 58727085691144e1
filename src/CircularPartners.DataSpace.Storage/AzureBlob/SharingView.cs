using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Storage.FileSystem;

namespace CircularPartners.DataSpace.Storage.AzureBlob;

/// <summary>
/// One replica's in-memory copy of the shared sharing records, with the ETag of each blob as last
/// taken in. Updates and ETags change together under one lock, so a download that a save of this
/// replica overtook is not applied over the newer record. ETags are kept without quotes: the
/// service quotes them in download and upload responses but not in listings, and compared as they
/// come they never matched, so every poll downloaded every blob again.
/// </summary>
internal sealed class SharingView
{
    private readonly ConcurrentDictionary<string, Offer> _offers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Negotiation> _negotiations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Agreement> _agreements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Delegation> _delegations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ETag> _etags = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlyCollection<Offer> Offers => [.. _offers.Values];
    public IReadOnlyCollection<Negotiation> Negotiations => [.. _negotiations.Values];
    public IReadOnlyCollection<Agreement> Agreements => [.. _agreements.Values];
    public IReadOnlyCollection<Delegation> Delegations => [.. _delegations.Values];

    public Offer? Offer(string offerId) => _offers.GetValueOrDefault(offerId);
    public Negotiation? Negotiation(string negotiationId) => _negotiations.GetValueOrDefault(negotiationId);
    public Agreement? Agreement(string agreementId) => _agreements.GetValueOrDefault(agreementId);

    /// <summary>The ETag of the blob as last taken in (unquoted); default when never.</summary>
    public ETag KnownETag(string name)
    {
        lock (_gate)
        {
            return _etags.GetValueOrDefault(name);
        }
    }

    /// <summary>Whether a blob listed with <paramref name="listed"/> is the version already taken in.</summary>
    public bool IsCurrent(string name, ETag listed) => Unquoted(listed) == KnownETag(name);

    /// <summary>The same ETag whether the service quoted it (responses) or not (listings).</summary>
    public static ETag Unquoted(ETag etag) => etag.ToString() is { Length: >= 2 } text && text[0] == '"' && text[^1] == '"' ? new ETag(text[1..^1]) : etag;

    /// <summary>Takes in what this replica has just written.</summary>
    public void Apply(string name, ReadOnlySpan<byte> json, ETag etag)
    {
        lock (_gate)
        {
            Merge(name, json);
            _etags[name] = Unquoted(etag);
        }
    }

    /// <summary>Takes in a download, unless the blob's known ETag moved since <paramref name="seen"/> (a save overtook it).</summary>
    public void ApplyIfUnchanged(string name, ETag seen, ReadOnlySpan<byte> json, ETag etag)
    {
        lock (_gate)
        {
            if (_etags.GetValueOrDefault(name) == Unquoted(seen))
            {
                Merge(name, json);
                _etags[name] = Unquoted(etag);
            }
        }
    }

    private void Merge(string name, ReadOnlySpan<byte> json)
    {
        try
        {
            if (name.StartsWith(BlobLayout.AgreementsPrefix, StringComparison.Ordinal)
                && JsonSerializer.Deserialize(json, SharingJsonContext.Default.Agreement) is { } agreement
                && !(_agreements.TryGetValue(agreement.AgreementId, out var held) && held.Terminated && !agreement.Terminated))
            {
                _agreements[agreement.AgreementId] = agreement; // a termination is final: never replaced by an active copy
            }
            else if (name.StartsWith(BlobLayout.NegotiationsPrefix, StringComparison.Ordinal)
                && JsonSerializer.Deserialize(json, SharingJsonContext.Default.Negotiation) is { } negotiation)
            {
                _negotiations[negotiation.NegotiationId] = negotiation;
            }
            else if (name.StartsWith(BlobLayout.DelegationsPrefix, StringComparison.Ordinal)
                && JsonSerializer.Deserialize(json, SharingJsonContext.Default.Delegation) is { } delegation
                && !(_delegations.TryGetValue(delegation.DelegationId, out var known) && known.RemovedAt is not null && delegation.RemovedAt is null))
            {
                _delegations[delegation.DelegationId] = delegation; // a removal is final, as a termination is
            }
            else if (name.StartsWith(BlobLayout.OffersPrefix, StringComparison.Ordinal)
                && JsonSerializer.Deserialize(json, SharingJsonContext.Default.Offer) is { } offer)
            {
                _offers[offer.OfferId] = offer;
            }
        }
        catch (JsonException)
        {
            // A record this version cannot read (written by a newer one) stays out of the view rather than stopping the follower.
        }
    }
}
