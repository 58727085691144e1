using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Registry;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using Google.Api;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>
/// RegistryService on a member's connector (one with <c>Identity:RegistryAddress</c>): there is one
/// use-case registry, the secretariat's, so every call is passed on to it under the caller's own
/// credential and its answer (or refusal, with its details) comes back as is. Only
/// <see cref="MeasureCoverage"/> runs here: it counts this connector's own data.
/// </summary>
[Authorize]
internal sealed class RegistryForwardingGrpcService(IOptions<IdentityOptions> identity, IConnectorChannels channels, CoverageReporting coverage, TimeProvider time)
    : RegistryService.RegistryServiceBase
{
    private string Registry => identity.Value.RegistryAddress!;

    public override Task<ListUseCasesResponse> ListUseCases(ListUseCasesRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.ListUseCasesAsync(request, o));

    public override Task<UseCase> GetUseCase(GetUseCaseRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.GetUseCaseAsync(request, o));

    public override Task<UseCase> PutUseCase(PutUseCaseRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.PutUseCaseAsync(request, o));

    public override Task<DeleteUseCaseResponse> DeleteUseCase(DeleteUseCaseRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.DeleteUseCaseAsync(request, o));

    public override Task<ListCategoriesResponse> ListCategories(ListCategoriesRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.ListCategoriesAsync(request, o));

    public override Task<Category> PutCategory(PutCategoryRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.PutCategoryAsync(request, o));

    public override Task<ListChangesResponse> ListChanges(ListChangesRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.ListChangesAsync(request, o));

    public override Task<Proposal> Propose(ProposeRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.ProposeAsync(request, o));

    public override Task<ListProposalsResponse> ListProposals(ListProposalsRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.ListProposalsAsync(request, o));

    public override Task<AcceptProposalResponse> AcceptProposal(AcceptProposalRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.AcceptProposalAsync(request, o));

    public override Task<Proposal> DeclineProposal(DeclineProposalRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.DeclineProposalAsync(request, o));

    public override Task<ReportCoverageResponse> ReportCoverage(ReportCoverageRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.ReportCoverageAsync(request, o));

    public override Task<MeasureCoverageResponse> MeasureCoverage(MeasureCoverageRequest request, ServerCallContext context) =>
        coverage.ReportAsync(CallerContext.CallerOf(context), CallerContext.CredentialOf(context), context.CancellationToken);

    public override Task<CoverageMap> GetCoverageMap(GetCoverageMapRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.GetCoverageMapAsync(request, o));

    public override Task<ListGapsResponse> ListGaps(ListGapsRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.ListGapsAsync(request, o));

    public override Task<HttpBody> ExportCoverageMap(ExportCoverageMapRequest request, ServerCallContext context) =>
        Forward(context, (c, o) => c.ExportCoverageMapAsync(request, o));

    private Task<T> Forward<T>(ServerCallContext context, Func<RegistryService.RegistryServiceClient, CallOptions, AsyncUnaryCall<T>> call) =>
        SecretariatCall.ForwardAsync("use-case registry", Registry, context, time, options => call(new RegistryService.RegistryServiceClient(channels.For(Registry)), options));
}
