using System.Collections.Concurrent;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>Delegations in memory, for unit tests of the publish policy.</summary>
internal sealed class InMemoryDelegationStore : IDelegationStore
{
    private readonly ConcurrentDictionary<string, Delegation> _delegations = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Delegation> Delegations => [.. _delegations.Values];

    public Task SaveDelegationAsync(Delegation delegation, CancellationToken cancellationToken)
    {
        _delegations[delegation.DelegationId] = delegation;
        return Task.CompletedTask;
    }
}
