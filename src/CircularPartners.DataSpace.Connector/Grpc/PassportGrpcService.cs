using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Passports;
using Grpc.Core;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>PassportService over gRPC (and REST through transcoding): mapping and delegation only.</summary>
internal sealed class PassportGrpcService(PassportOperations operations, BulkPublisher bulk) : PassportService.PassportServiceBase
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
        var record = await operations.GetAsync(request.PassportId, request.Version > 0 ? request.Version : null, context.CancellationToken);
        return PassportMapper.ToWire(record);
    }

    public override async Task<HistoryResponse> History(HistoryRequest request, ServerCallContext context)
    {
        var versions = await operations.HistoryAsync(request.PassportId, context.CancellationToken);
        return new HistoryResponse { Versions = { versions.Select(PassportMapper.ToWire) } };
    }

    public override async Task<QueryResponse> Query(QueryRequest request, ServerCallContext context)
    {
        var page = await operations.QueryAsync(PassportMapper.ToQuery(request), request.IncludeJson, context.CancellationToken);
        return new QueryResponse
        {
            Passports = { page.Passports.Select(PassportMapper.ToWire) },
            NextPageToken = page.NextPageToken ?? "",
        };
    }

    public override async Task<Passport> Withdraw(WithdrawRequest request, ServerCallContext context)
    {
        var caller = AuthenticationInterceptor.CallerOf(context);
        var record = await operations.WithdrawAsync(caller, request.PassportId, request.Reason,
            request.HasExpectedVersion ? request.ExpectedVersion : null, context.CancellationToken);
        return PassportMapper.ToWire(record with { Json = "" });
    }
}
