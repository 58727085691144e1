using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Events;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using Grpc.Core;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>PassportService over gRPC (and REST through transcoding): mapping and delegation only.</summary>
internal sealed class PassportGrpcService(
    PassportOperations operations, SharedPassportReader reader, BulkPublisher bulk, ReadAccessResolver access, SharingAudit audit, LifecycleEvents events,
    ReleaseReceipts receipts)
    : PassportService.PassportServiceBase
{
    public override async Task<Passport> Publish(PublishRequest request, ServerCallContext context)
    {
        var caller = AuthenticationInterceptor.CallerOf(context);
        var record = await operations.PublishAsync(caller, PassportMapper.ToCommand(request), context.CancellationToken);
        return PassportMapper.ToWire(record with { Json = "" });
    }

    public override Task<PublishStreamResponse> PublishStream(IAsyncStreamReader<PublishRequest> requestStream, ServerCallContext context) =>
        bulk.PublishAsync(AuthenticationInterceptor.CallerOf(context), requestStream, context);

    public override async Task<Passport> Get(GetPassportRequest request, ServerCallContext context)
    {
        var caller = AuthenticationInterceptor.CallerOf(context);
        var grant = await access.ResolveAsync(context, caller, "passport.get", [request.PassportId]);
        var record = await Audited(caller, grant, "passport.get", [request.PassportId],
            () => reader.GetAsync(caller, request.PassportId, request.Version > 0 ? request.Version : null, grant, context.CancellationToken));
        var released = PassportMapper.ToWire(record);
        await receipts.AttachAsync(caller, grant, [released], CancellationToken.None);
        return released;
    }

    public override async Task<HistoryResponse> History(HistoryRequest request, ServerCallContext context)
    {
        var caller = AuthenticationInterceptor.CallerOf(context);
        var grant = await access.ResolveAsync(context, caller, "passport.history", [request.PassportId]);
        var versions = await Audited(caller, grant, "passport.history", [request.PassportId],
            () => reader.HistoryAsync(caller, request.PassportId, grant, context.CancellationToken));
        var response = new HistoryResponse
        {
            Versions = { versions.Select(PassportMapper.ToWire) },
            Events = { events.Visible(caller, versions[^1]).Select(PassportMapper.ToWire) },
        };
        await receipts.AttachAsync(caller, grant, response.Versions, CancellationToken.None);
        return response;
    }

    public override async Task<Contracts.V1.LifecycleEvent> AppendEvent(AppendEventRequest request, ServerCallContext context)
    {
        var caller = AuthenticationInterceptor.CallerOf(context);
        var grant = await access.ResolveAsync(context, caller, "event.append", [request.PassportId]);
        var recorded = await audit.EventAsync(caller, grant.Agreement, request.PassportId, () => events.AppendAsync(caller,
            AuthenticationInterceptor.CredentialOf(context), request.PassportId, request.EventJson, request.Signature, grant.Agreement, context.CancellationToken), CancellationToken.None);
        return PassportMapper.ToWire(recorded);
    }

    public override async Task<QueryResponse> Query(QueryRequest request, ServerCallContext context)
    {
        var caller = AuthenticationInterceptor.CallerOf(context);
        var grant = await access.ResolveAsync(context, caller, "passport.query", []);
        var page = await reader.QueryAsync(caller, PassportMapper.ToQuery(request), request.IncludeJson, grant, context.CancellationToken);
        if (grant.Agreement is { } agreement)
        {
            await audit.RecordAsync(caller, "passport.query", agreement.Provider, agreement.AgreementId, agreement.Purpose,
                [.. page.Passports.Select(p => p.PassportId)], [.. grant.Classes], () => Task.FromResult(0), context.CancellationToken);
        }
        var response = new QueryResponse
        {
            Passports = { page.Passports.Select(PassportMapper.ToWire) },
            NextPageToken = page.NextPageToken ?? "",
        };
        await receipts.AttachAsync(caller, grant, response.Passports, CancellationToken.None);
        return response;
    }

    public override async Task<Passport> Withdraw(WithdrawRequest request, ServerCallContext context)
    {
        var caller = AuthenticationInterceptor.CallerOf(context);
        var record = await operations.WithdrawAsync(caller, request.PassportId, request.Reason,
            request.HasExpectedVersion ? request.ExpectedVersion : null, context.CancellationToken);
        return PassportMapper.ToWire(record with { Json = "" });
    }

    /// <summary>Reads under an agreement are audited (granted or denied); the owner's own reads are not sharing.</summary>
    private Task<T> Audited<T>(Domain.Identity.Caller caller, ReadGrant grant, string action, IReadOnlyList<string> passportIds, Func<Task<T>> read) =>
        grant.Agreement is { } agreement
            ? audit.RecordAsync(caller, action, agreement.Provider, agreement.AgreementId, agreement.Purpose, passportIds, [.. grant.Classes], read, CancellationToken.None)
            : read();
}
