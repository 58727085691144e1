using CircularPartners.DataSpace.Connector.Identity;
using CircularPartners.DataSpace.Connector.Membership;
using CircularPartners.DataSpace.Connector.Sharing;
using CircularPartners.DataSpace.Contracts.V1;
using CircularPartners.DataSpace.Domain.Membership;
using Google.Api;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using DomainParticipant = CircularPartners.DataSpace.Domain.Membership.Participant;
using Participant = CircularPartners.DataSpace.Contracts.V1.Participant;
using Vocabulary = CircularPartners.DataSpace.Domain.Goals.GoalVocabulary;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>
/// The membership registry over gRPC: mapping and delegation only. On a member's connector the goal
/// calls never reach this class (<see cref="MembershipForwarding"/> passes them to the secretariat's),
/// so it gets no <see cref="GoalsApi"/> there.
/// </summary>
[Authorize]
internal sealed class MembershipGrpcService(MembershipRegistry registry, IMembershipStore store, RevocationBroadcaster broadcaster, RegistryAuditWitness witness,
    ParticipantDirectory directory, GoalsApi? goals = null)
    : MembershipService.MembershipServiceBase
{
    public override async Task<Participant> Join(JoinRequest request, ServerCallContext context)
    {
        var p = request.Participant ?? new Participant();
        var candidate = new DomainParticipant(p.ParticipantId, p.Name, p.Kind, p.Industry, [.. p.Roles], p.ConnectorAddress, [.. p.SigningKeys], true, default, null);
        return ToWire(await registry.JoinAsync(CallerContext.CallerOf(context), candidate, context.CancellationToken));
    }

    public override async Task<Participant> UpdateParticipant(UpdateParticipantRequest request, ServerCallContext context)
    {
        var updated = await registry.UpdateAsync(CallerContext.CallerOf(context), request.ParticipantId, (current, bySecretariat) => current with
        {
            Name = request.Name.Length > 0 ? request.Name : current.Name,
            ConnectorAddress = request.ConnectorAddress.Length > 0 ? request.ConnectorAddress : current.ConnectorAddress,
            SigningKeys = request.SigningKeys.Count > 0 ? [.. request.SigningKeys] : current.SigningKeys,
            Industry = request.Industry.Length > 0 ? request.Industry : current.Industry,
            // Roles decide what a participant may do, so only the secretariat changes them.
            Roles = bySecretariat && request.Roles.Count > 0 ? [.. request.Roles] : current.Roles,
        }, context.CancellationToken);
        return ToWire(updated);
    }

    public override async Task<Participant> Leave(LeaveRequest request, ServerCallContext context) =>
        ToWire(await registry.LeaveAsync(CallerContext.CallerOf(context), request.ParticipantId, context.CancellationToken));

    public override async Task<Participant> GetParticipant(GetParticipantRequest request, ServerCallContext context)
    {
        // A member's connector keeps no registry: it asks the secretariat's, as negotiating by participant id does.
        if (store.Participants.All(p => p.ParticipantId != request.ParticipantId)
            && await directory.AskRegistryAsync(request.ParticipantId, CallerContext.CredentialOf(context), context.CancellationToken) is { } registered)
        {
            return registered;
        }
        return ToWire(registry.Get(request.ParticipantId));
    }

    public override Task<ListParticipantsResponse> ListParticipants(ListParticipantsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListParticipantsResponse { Participants = { registry.List(request.Role, request.Industry, request.Kind, request.Query).Select(ToWire) } });

    public override Task<MembershipCredential> IssueCredential(IssueCredentialRequest request, ServerCallContext context)
    {
        var hours = request.LifetimeHours is > 0 and <= 8760 ? request.LifetimeHours : 24;
        var issued = registry.IssueCredential(CallerContext.CallerOf(context), request.ParticipantId, request.Audience, TimeSpan.FromHours(hours));
        return Task.FromResult(new MembershipCredential { Token = issued.Token, CredentialId = issued.CredentialId, ExpiresAt = Timestamp.FromDateTimeOffset(issued.ExpiresAt) });
    }

    public override async Task<Revocation> RevokeCredential(RevokeCredentialRequest request, ServerCallContext context) =>
        RevocationBroadcaster.ToWire(await registry.RevokeCredentialAsync(CallerContext.CallerOf(context), request.CredentialId, context.CancellationToken));

    // Open: a connector needs the revocation feed before it can check anyone's credential.
    [AllowAnonymous]
    public override Task WatchRevocations(IAsyncStreamReader<RevocationAck> requestStream, IServerStreamWriter<Revocation> responseStream, ServerCallContext context) =>
        broadcaster.FollowAsync(requestStream, responseStream, store.Revocations, context.CancellationToken);

    // Open: a connector has no credential of its own; the head's signature authenticates it.
    [AllowAnonymous]
    public override async Task<SignedAuditHead> WitnessAuditHead(SignedAuditHead request, ServerCallContext context) =>
        AuditHeadMapper.ToWire(await witness.WitnessAsync(AuditHeadMapper.ToDomain(request), context.CancellationToken));

    [AllowAnonymous]
    public override Task<SignedAuditHead> GetWitnessedAuditHead(GetWitnessedAuditHeadRequest request, ServerCallContext context) =>
        Task.FromResult(AuditHeadMapper.ToWire(witness.Latest(request.ParticipantId, request.LogId)));

    public override Task<GoalVocabulary> GetGoalVocabulary(GetGoalVocabularyRequest request, ServerCallContext context) => Task.FromResult(GoalMapper.Vocabulary());

    public override Task<Goal> CreateGoal(CreateGoalRequest request, ServerCallContext context) => Goals.CreateAsync(CallerContext.CallerOf(context), request, context.CancellationToken);

    public override Task<Goal> UpdateGoal(UpdateGoalRequest request, ServerCallContext context) => Goals.UpdateAsync(CallerContext.CallerOf(context), request, context.CancellationToken);

    public override Task<Goal> GetGoal(GetGoalRequest request, ServerCallContext context) => Task.FromResult(Goals.Get(CallerContext.CallerOf(context), request));

    public override Task<ListGoalsResponse> ListGoals(ListGoalsRequest request, ServerCallContext context) => Task.FromResult(Goals.List(CallerContext.CallerOf(context), request));

    public override Task<DeleteGoalResponse> DeleteGoal(DeleteGoalRequest request, ServerCallContext context) => Goals.DeleteAsync(CallerContext.CallerOf(context), request, context.CancellationToken);

    public override Task<Goal> ClassifyGoal(ClassifyGoalRequest request, ServerCallContext context) => Goals.ClassifyAsync(CallerContext.CallerOf(context), request, context.CancellationToken);

    public override Task<AchievementReport> AddAchievementReport(AddAchievementReportRequest request, ServerCallContext context) =>
        Goals.AddReportAsync(CallerContext.CallerOf(context), request, context.CancellationToken);

    public override Task<ListAchievementReportsResponse> ListAchievementReports(ListAchievementReportsRequest request, ServerCallContext context) =>
        Task.FromResult(Goals.ListReports(CallerContext.CallerOf(context), request));

    public override Task<ImportReport> ImportMembers(ImportMembersRequest request, ServerCallContext context) =>
        Goals.ImportMembersAsync(CallerContext.CallerOf(context), request, context.CancellationToken);

    public override Task<ImportReport> ImportGoals(ImportGoalsRequest request, ServerCallContext context) =>
        Goals.ImportGoalsAsync(CallerContext.CallerOf(context), request, context.CancellationToken);

    public override Task<SubmissionRatesTable> GetSubmissionRates(AnalyticsRequest request, ServerCallContext context) => Task.FromResult(Goals.SubmissionRates(CallerContext.CallerOf(context), request));

    public override Task<GoalsByIndicatorTable> GetGoalsByIndicator(AnalyticsRequest request, ServerCallContext context) => Task.FromResult(Goals.GoalsByIndicator(CallerContext.CallerOf(context), request));

    public override Task<GoalsByKindTable> GetGoalsByKind(AnalyticsRequest request, ServerCallContext context) => Task.FromResult(Goals.GoalsByKind(CallerContext.CallerOf(context), request));

    public override Task<ProgressTable> GetProgress(AnalyticsRequest request, ServerCallContext context) => Task.FromResult(Goals.Progress(CallerContext.CallerOf(context), request));

    public override Task<PendingSubmittersTable> GetPendingSubmitters(AnalyticsRequest request, ServerCallContext context) => Task.FromResult(Goals.PendingSubmitters(CallerContext.CallerOf(context), request));

    public override Task<HttpBody> ExportAnalyticsTable(ExportAnalyticsTableRequest request, ServerCallContext context) => Task.FromResult(Goals.Export(CallerContext.CallerOf(context), request));

    private GoalsApi Goals => goals ?? throw new InvalidOperationException("Goal calls on a member's connector are forwarded to the secretariat's.");

    private static Participant ToWire(DomainParticipant p) => new()
    {
        ParticipantId = p.ParticipantId,
        Name = p.Name,
        Kind = p.Kind,
        Industry = p.Industry,
        Roles = { p.Roles },
        ConnectorAddress = p.ConnectorAddress,
        SigningKeys = { p.SigningKeys },
        Status = p.Active ? "active" : "left",
        JoinedAt = Timestamp.FromDateTimeOffset(p.JoinedAt),
        LeftAt = p.LeftAt is { } left ? Timestamp.FromDateTimeOffset(left) : null,
        IndustryNameJa = Vocabulary.Find(Vocabulary.Industries, p.Industry)?.NameJa ?? "",
        IndustryNameEn = Vocabulary.Find(Vocabulary.Industries, p.Industry)?.NameEn ?? "",
        GoalExempt = Vocabulary.IsExempt(p.Kind, p.Industry),
    };
}
