using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Storage.FileSystem;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Offer))]
[JsonSerializable(typeof(Negotiation))]
[JsonSerializable(typeof(Agreement))]
[JsonSerializable(typeof(Delegation))]
internal sealed partial class SharingJsonContext : JsonSerializerContext;

/// <summary>Sharing state (and publishing delegations) under <c>{DataDirectory}/sharing</c>: one journal per record type, latest line per id wins.</summary>
public sealed class FileSharingStore : ISharingStore, IDelegationStore, IDisposable
{
    private readonly JsonLinesFile<Offer> _offerFile;
    private readonly JsonLinesFile<Negotiation> _negotiationFile;
    private readonly JsonLinesFile<Agreement> _agreementFile;
    private readonly JsonLinesFile<Delegation> _delegationFile;
    private readonly ConcurrentDictionary<string, Offer> _offers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Negotiation> _negotiations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Agreement> _agreements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Delegation> _delegations = new(StringComparer.Ordinal);
    private int _disposed;

    public FileSharingStore(FileStoreOptions options)
    {
        var directory = Path.Combine(options.DataDirectory, "sharing");
        _offerFile = new(Path.Combine(directory, "offers.jsonl"), SharingJsonContext.Default.Offer);
        _negotiationFile = new(Path.Combine(directory, "negotiations.jsonl"), SharingJsonContext.Default.Negotiation);
        _agreementFile = new(Path.Combine(directory, "agreements.jsonl"), SharingJsonContext.Default.Agreement);
        _delegationFile = new(Path.Combine(directory, "delegations.jsonl"), SharingJsonContext.Default.Delegation);
        foreach (var offer in _offerFile.ReadAll())
        {
            _offers[offer.OfferId] = offer;
        }
        foreach (var negotiation in _negotiationFile.ReadAll())
        {
            _negotiations[negotiation.NegotiationId] = negotiation;
        }
        foreach (var agreement in _agreementFile.ReadAll())
        {
            _agreements[agreement.AgreementId] = agreement;
        }
        foreach (var delegation in _delegationFile.ReadAll())
        {
            _delegations[delegation.DelegationId] = delegation;
        }
    }

    public IReadOnlyCollection<Offer> Offers => [.. _offers.Values];
    public IReadOnlyCollection<Negotiation> Negotiations => [.. _negotiations.Values];
    public IReadOnlyCollection<Agreement> Agreements => [.. _agreements.Values];
    public IReadOnlyCollection<Delegation> Delegations => [.. _delegations.Values];

    public Agreement? FindAgreement(string agreementId) => _agreements.GetValueOrDefault(agreementId);

    public Task<Agreement?> FindAgreementAsync(string agreementId, CancellationToken cancellationToken) => Task.FromResult(FindAgreement(agreementId));

    public Task<Offer?> FindOfferAsync(string offerId, CancellationToken cancellationToken) => Task.FromResult(_offers.GetValueOrDefault(offerId));

    public Task<Negotiation?> FindNegotiationAsync(string negotiationId, CancellationToken cancellationToken) => Task.FromResult(_negotiations.GetValueOrDefault(negotiationId));

    public Task<bool> TrySpendTokenAsync(string tokenId, DateTimeOffset expires, CancellationToken cancellationToken) => Task.FromResult(true);

    public async Task SaveOfferAsync(Offer offer, CancellationToken cancellationToken)
    {
        await _offerFile.AppendAsync(offer, cancellationToken);
        _offers[offer.OfferId] = offer;
    }

    public async Task SaveNegotiationAsync(Negotiation negotiation, CancellationToken cancellationToken)
    {
        await _negotiationFile.AppendAsync(negotiation, cancellationToken);
        _negotiations[negotiation.NegotiationId] = negotiation;
    }

    public async Task SaveAgreementAsync(Agreement agreement, CancellationToken cancellationToken)
    {
        await _agreementFile.AppendAsync(agreement, cancellationToken);
        _agreements[agreement.AgreementId] = agreement;
    }

    public async Task SaveDelegationAsync(Delegation delegation, CancellationToken cancellationToken)
    {
        await _delegationFile.AppendAsync(delegation, cancellationToken);
        _delegations[delegation.DelegationId] = delegation;
    }

    /// <summary>Idempotent: the container disposes the store once per interface it was registered as.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _offerFile.Dispose();
        _negotiationFile.Dispose();
        _agreementFile.Dispose();
        _delegationFile.Dispose();
    }
}
