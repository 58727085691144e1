using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Passports;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>DelegationService: the operator's list of who else may publish here. Mapping and delegation only.</summary>
[Authorize]
internal sealed class DelegationGrpcService(PublishDelegations delegations, PublishPolicy policy, TimeProvider time) : DelegationService.DelegationServiceBase
{
    public override async Task<Contracts.V1.Delegation> AddDelegation(AddDelegationRequest request, ServerCallContext context)
    {
        var added = await delegations.AddAsync(CallerContext.CallerOf(context), request.ParticipantId, [.. request.EconomicOperators],
            request.ExpiresAt?.ToDateTimeOffset(), context.CancellationToken);
        return ToWire(added);
    }

    public override Task<ListDelegationsResponse> ListDelegations(ListDelegationsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListDelegationsResponse
        {
            Delegations = { delegations.List(CallerContext.CallerOf(context), request.IncludeInactive).Select(ToWire) },
            Operator = policy.Operator,
        });

    public override async Task<Contracts.V1.Delegation> RemoveDelegation(RemoveDelegationRequest request, ServerCallContext context) =>
        ToWire(await delegations.RemoveAsync(CallerContext.CallerOf(context), request.DelegationId, context.CancellationToken));

    private Contracts.V1.Delegation ToWire(Domain.Passports.Delegation delegation) => new()
    {
        DelegationId = delegation.DelegationId,
        ParticipantId = delegation.ParticipantId,
        EconomicOperators = { delegation.EconomicOperators },
        ExpiresAt = delegation.ExpiresAt is { } expires ? Timestamp.FromDateTimeOffset(expires) : null,
        GrantedBy = delegation.GrantedBy,
        CreatedAt = Timestamp.FromDateTimeOffset(delegation.CreatedAt),
        RemovedAt = delegation.RemovedAt is { } removed ? Timestamp.FromDateTimeOffset(removed) : null,
        InForce = delegation.IsInForce(time.GetUtcNow()),
    };
}
