using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Registry;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Api;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using D = CircularPartners.DataSpace.Domain.Registry;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>RegistryService over gRPC (and REST through transcoding): mapping and delegation only.</summary>
[Authorize]
internal sealed class RegistryGrpcService(D.UseCaseRegistry registry, CoverageReporting coverage, TimeProvider clock) : RegistryService.RegistryServiceBase
{
    public override Task<ListUseCasesResponse> ListUseCases(ListUseCasesRequest request, ServerCallContext context) =>
        Task.FromResult(new ListUseCasesResponse { UseCases = { registry.Snapshot.UseCases.Select(RegistryMapper.ToWire) } });

    public override Task<UseCase> GetUseCase(GetUseCaseRequest request, ServerCallContext context) =>
        Task.FromResult(RegistryMapper.ToWire(registry.GetUseCase(request.UseCaseId)));

    public override async Task<UseCase> PutUseCase(PutUseCaseRequest request, ServerCallContext context) =>
        RegistryMapper.ToWire(await registry.PutUseCaseAsync(CallerContext.CallerOf(context),
            RegistryMapper.ToDomain(request.UseCase ?? new UseCase()), context.CancellationToken));

    public override async Task<DeleteUseCaseResponse> DeleteUseCase(DeleteUseCaseRequest request, ServerCallContext context)
    {
        await registry.DeleteUseCaseAsync(CallerContext.CallerOf(context), request.UseCaseId, context.CancellationToken);
        return new DeleteUseCaseResponse();
    }

    public override Task<ListCategoriesResponse> ListCategories(ListCategoriesRequest request, ServerCallContext context) =>
        Task.FromResult(new ListCategoriesResponse { Categories = { registry.Snapshot.Categories.Select(RegistryMapper.ToWire) } });

    public override async Task<Category> PutCategory(PutCategoryRequest request, ServerCallContext context) =>
        RegistryMapper.ToWire(await registry.PutCategoryAsync(CallerContext.CallerOf(context),
            RegistryMapper.ToDomain(request.Category ?? new Category()), context.CancellationToken));

    public override Task<ListChangesResponse> ListChanges(ListChangesRequest request, ServerCallContext context) =>
        Task.FromResult(new ListChangesResponse
        {
            Changes = { registry.Changes(request.Subject, request.Limit <= 0 ? 100 : Math.Min(request.Limit, 1000)).Select(RegistryMapper.ToWire) },
        });

    public override async Task<Proposal> Propose(ProposeRequest request, ServerCallContext context) =>
        RegistryMapper.ToWire(await registry.ProposeAsync(CallerContext.CallerOf(context), RegistryMapper.ToDraft(request), context.CancellationToken));

    public override Task<ListProposalsResponse> ListProposals(ListProposalsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListProposalsResponse
        {
            Proposals = { registry.Proposals(request.Status == ProposalStatus.Unspecified ? null : (D.ProposalStatus)request.Status).Select(RegistryMapper.ToWire) },
        });

    public override async Task<AcceptProposalResponse> AcceptProposal(AcceptProposalRequest request, ServerCallContext context)
    {
        var (proposal, useCase) = await registry.AcceptAsync(CallerContext.CallerOf(context),
            new D.Acceptance(request.ProposalId, request.UseCaseId, request.NameJa, request.LeadOrganisation, request.NameEn), context.CancellationToken);
        return new AcceptProposalResponse { Proposal = RegistryMapper.ToWire(proposal), UseCase = RegistryMapper.ToWire(useCase) };
    }

    public override async Task<Proposal> DeclineProposal(DeclineProposalRequest request, ServerCallContext context) =>
        RegistryMapper.ToWire(await registry.DeclineAsync(CallerContext.CallerOf(context), request.ProposalId, request.Reason, context.CancellationToken));

    public override async Task<ReportCoverageResponse> ReportCoverage(ReportCoverageRequest request, ServerCallContext context)
    {
        var report = await registry.ReportCoverageAsync(CallerContext.CallerOf(context),
            [.. request.Counts.Select(RegistryMapper.ToDomain)], context.CancellationToken);
        return RegistryMapper.ToWire(report);
    }

    public override Task<MeasureCoverageResponse> MeasureCoverage(MeasureCoverageRequest request, ServerCallContext context) =>
        coverage.ReportAsync(CallerContext.CallerOf(context), CallerContext.CredentialOf(context), context.CancellationToken);

    public override Task<CoverageMap> GetCoverageMap(GetCoverageMapRequest request, ServerCallContext context) =>
        Task.FromResult(RegistryMapper.ToWire(Map(), registry.Snapshot.Reports));

    public override Task<ListGapsResponse> ListGaps(ListGapsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListGapsResponse { Gaps = { D.CoverageCalculator.Gaps(Map(), request.Limit).Select(RegistryMapper.ToWire) } });

    public override Task<HttpBody> ExportCoverageMap(ExportCoverageMapRequest request, ServerCallContext context)
    {
        var (content, contentType) = D.CoverageExport.Render(Map(), request.Format.Trim().ToLowerInvariant());
        return Task.FromResult(new HttpBody { ContentType = contentType, Data = ByteString.CopyFromUtf8(content) });
    }

    private D.CoverageMap Map() => D.CoverageCalculator.Compute(registry.Snapshot, clock.GetUtcNow());
}
