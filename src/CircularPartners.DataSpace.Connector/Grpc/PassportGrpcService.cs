using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Espr;
using CircularPartners.DataSpace.Domain.Events;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>PassportService over gRPC (and REST through transcoding): mapping and delegation only.</summary>
[Authorize]
internal sealed class PassportGrpcService(
    PassportOperations operations, SharedPassportReader reader, BulkPublisher bulk, ReadAccessResolver access, ReadAudit audit,
    LifecycleEvents events, IOptions<PublicViewOptions> publicView, SharingAudit changes, EsprRegistryRecords registryRecords,
    Interop.SignedExports exports, Domain.Interop.PassportImports imports)
    : PassportService.PassportServiceBase
{
    public override async Task<Passport> Publish(PublishRequest request, ServerCallContext context)
    {
        var caller = CallerContext.CallerOf(context);
        return PassportMapper.ToWire(await operations.PublishAsync(caller, PassportMapper.ToCommand(request), context.CancellationToken));
    }

    public override Task<PublishStreamResponse> PublishStream(IAsyncStreamReader<PublishRequest> requestStream, ServerCallContext context) =>
        bulk.PublishAsync(CallerContext.CallerOf(context), requestStream, context);

    public override Task PublishBulk(IAsyncStreamReader<PublishRequest> requestStream, IServerStreamWriter<PublishResult> responseStream, ServerCallContext context) =>
        bulk.PublishAcknowledgingAsync(CallerContext.CallerOf(context), requestStream, responseStream, context);

    public override async Task<Passport> Get(GetPassportRequest request, ServerCallContext context)
    {
        var caller = CallerContext.CallerOf(context);
        var grant = await access.ResolveAsync(context, caller, "passport.get", [request.PassportId]);
        return await audit.ReadAsync(caller, grant, "passport.get", [request.PassportId], async () =>
        {
            var record = await reader.GetAsync(grant, request.PassportId, request.Version > 0 ? request.Version : null, context.CancellationToken);
            var sent = PassportMapper.ToWire(record);
            return new ReadAudit.Release<Passport>(sent, [record], [sent]);
        }, CancellationToken.None);
    }

    /// <summary>No credential, no token, no audit record: the reader stays unknown (only the rate limiter sees its address).</summary>
    [AllowAnonymous]
    [EnableRateLimiting(PublicViewOptions.RateLimitPolicy)]
    public override async Task<Passport> GetPublic(GetPublicPassportRequest request, ServerCallContext context)
    {
        if (!publicView.Value.Enabled)
        {
            throw new PermissionDeniedException(PublicViewOptions.DisabledRule, "This connector's operator has switched the public view off.");
        }
        return PassportMapper.ToWire(await reader.GetPublicAsync(request.PassportId, context.CancellationToken));
    }

    public override async Task<HistoryResponse> History(HistoryRequest request, ServerCallContext context)
    {
        var caller = CallerContext.CallerOf(context);
        var grant = await access.ResolveAsync(context, caller, "passport.history", [request.PassportId]);
        return await audit.ReadAsync(caller, grant, "passport.history", [request.PassportId], async () =>
        {
            var versions = await reader.HistoryAsync(grant, request.PassportId, context.CancellationToken);
            var response = new HistoryResponse
            {
                Versions = { versions.Select(PassportMapper.ToWire) },
                Events = { (await events.VisibleAsync(caller, versions[^1], context.CancellationToken)).Select(PassportMapper.ToWire) },
            };
            return new ReadAudit.Release<HistoryResponse>(response, versions, response.Versions);
        }, CancellationToken.None);
    }

    public override async Task<Contracts.V1.LifecycleEvent> AppendEvent(AppendEventRequest request, ServerCallContext context)
    {
        var caller = CallerContext.CallerOf(context);
        var grant = await access.ResolveAsync(context, caller, "event.append", [request.PassportId]);
        var recorded = await changes.EventAsync(caller, grant.Agreement, request.PassportId, () => events.AppendAsync(caller,
            CallerContext.CredentialOf(context), request.PassportId, request.EventJson, request.Signature, grant.Agreement, context.CancellationToken),
            CancellationToken.None);
        return PassportMapper.ToWire(recorded);
    }

    public override async Task<QueryResponse> Query(QueryRequest request, ServerCallContext context)
    {
        var caller = CallerContext.CallerOf(context);
        var grant = await access.ResolveAsync(context, caller, "passport.query", []);
        var page = await reader.QueryAsync(grant, PassportMapper.ToQuery(request), request.IncludeJson, context.CancellationToken);
        var response = new QueryResponse
        {
            Passports = { page.Passports.Select(PassportMapper.ToWire) },
            NextPageToken = page.NextPageToken ?? "",
        };
        // Recorded with the passports actually returned: the query itself reveals nothing hidden.
        return await audit.ReadAsync(caller, grant, "passport.query", [.. page.Passports.Select(p => p.PassportId)],
            () => Task.FromResult(new ReadAudit.Release<QueryResponse>(response, page.Passports, response.Passports)), CancellationToken.None);
    }

    public override async Task<RegistryRecord> GetRegistryRecord(GetRegistryRecordRequest request, ServerCallContext context)
    {
        var caller = CallerContext.CallerOf(context);
        var grant = await access.ResolveAsync(context, caller, "passport.registry-record", [request.PassportId]);
        var addresses = new PassportAddresses(publicView.Value.BaseUrl, publicView.Value.BackupBaseUrl);
        return await audit.ReadAsync(caller, grant, "passport.registry-record", [request.PassportId], async () =>
        {
            var (record, read) = await registryRecords.BuildAsync(grant, request.PassportId, addresses, context.CancellationToken);
            return new ReadAudit.Release<RegistryRecord>(RegistryRecordMapper.ToWire(record), [read], [PassportMapper.ToWire(read)]);
        }, CancellationToken.None);
    }

    public override async Task<PassportExport> ExportPassport(ExportPassportRequest request, ServerCallContext context)
    {
        var caller = CallerContext.CallerOf(context);
        var grant = await access.ResolveAsync(context, caller, "passport.export", [request.PassportId]);
        return await audit.ReadAsync(caller, grant, "passport.export", [request.PassportId], async () =>
        {
            var (export, read) = await exports.ExportAsync(grant, request, context.CancellationToken);
            return new ReadAudit.Release<PassportExport>(export, [read], [PassportMapper.ToWire(read)]);
        }, CancellationToken.None);
    }

    public override async Task<ImportPassportResponse> ImportPassport(ImportPassportRequest request, ServerCallContext context)
    {
        var caller = CallerContext.CallerOf(context);
        var outcome = await imports.ImportAsync(caller, request.Source.Memory, request.Format,
            request.HasExpectedVersion ? request.ExpectedVersion : null, request.Supplied, context.CancellationToken);
        return Interop.ImportMapper.ToWire(outcome);
    }

    public override async Task<Passport> Withdraw(WithdrawRequest request, ServerCallContext context)
    {
        var caller = CallerContext.CallerOf(context);
        var record = await operations.WithdrawAsync(caller, request.PassportId, request.Reason,
            request.HasExpectedVersion ? request.ExpectedVersion : null, context.CancellationToken);
        return PassportMapper.ToWire(record with { Json = "" });
    }
}
