using CircularPartners.DataSpace.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using D = CircularPartners.DataSpace.Domain.Registry;

namespace CircularPartners.DataSpace.Connector.Grpc;

/// <summary>Wire ↔ domain for the registry; the enums share numbers, so casts are exact.</summary>
internal static class RegistryMapper
{
    public static UseCase ToWire(D.UseCase u) => new()
    {
        Id = u.Id,
        NameJa = u.NameJa,
        NameEn = u.NameEn,
        Domain = u.Domain,
        LeadOrganisation = u.LeadOrganisation,
        Status = (UseCaseStatus)u.Status,
        SchemaIds = { u.SchemaIds },
        CategoryIds = { u.CategoryIds },
        Stages = { u.Stages.Select(s => (LifecycleStage)s) },
        Members = { u.Members },
        Links = { u.Links },
        Seed = u.Seed,
        UpdatedAt = u.UpdatedAt == default ? null : Timestamp.FromDateTimeOffset(u.UpdatedAt),
        UpdatedBy = u.UpdatedBy,
    };

    public static D.UseCase ToDomain(UseCase u) => new(
        u.Id, u.NameJa, u.NameEn, u.Domain, u.LeadOrganisation, (D.UseCaseStatus)u.Status,
        [.. u.SchemaIds], [.. u.CategoryIds], [.. u.Stages.Select(s => (D.LifecycleStage)s)], [.. u.Members], [.. u.Links]);

    public static Category ToWire(D.Category c) => new() { Id = c.Id, NameJa = c.NameJa, NameEn = c.NameEn, ParentId = c.ParentId };

    public static D.Category ToDomain(Category c) => new(c.Id, c.NameJa, c.NameEn);

    public static RegistryChange ToWire(D.RegistryChange c) => new()
    {
        Sequence = c.Sequence,
        At = Timestamp.FromDateTimeOffset(c.At),
        Actor = c.Actor,
        Action = c.Action,
        Subject = c.Subject,
        Summary = c.Summary,
    };

    public static Proposal ToWire(D.Proposal p) => new()
    {
        Id = p.Id,
        Theme = p.Theme,
        Domain = p.Domain,
        Outline = p.Outline,
        Proposer = p.Proposer,
        CategoryIds = { p.CategoryIds },
        Stages = { p.Stages.Select(s => (LifecycleStage)s) },
        Status = (ProposalStatus)p.Status,
        Reason = p.Reason,
        UseCaseId = p.UseCaseId,
        ProposedAt = Timestamp.FromDateTimeOffset(p.ProposedAt),
        DecidedAt = p.DecidedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        DecidedBy = p.DecidedBy,
    };

    public static D.ProposalDraft ToDraft(ProposeRequest r) =>
        new(r.Theme, r.Domain, r.Outline, [.. r.CategoryIds], [.. r.Stages.Select(s => (D.LifecycleStage)s)]);

    public static D.CoverageCount ToDomain(CoverageCount c) =>
        new(c.Category, (D.LifecycleStage)c.Stage, c.Passports, c.LifecycleEvents);

    public static CoverageCount ToWire(D.CoverageCount c) => new()
    {
        Category = c.Category,
        Stage = (LifecycleStage)c.Stage,
        Passports = c.Passports,
        LifecycleEvents = c.LifecycleEvents,
    };

    public static ReportCoverageResponse ToWire(D.CoverageReport report) => new()
    {
        ParticipantId = report.ParticipantId,
        Cells = report.Counts.Count,
        ReportedAt = Timestamp.FromDateTimeOffset(report.ReportedAt),
    };

    /// <summary>The map, with who reported the measured counts and when each last did.</summary>
    public static CoverageMap ToWire(D.CoverageMap map, IReadOnlyList<D.CoverageReport> reports) => new()
    {
        Categories = { map.Rows.Select(ToWire) },
        Stages = { D.LifecycleStages.All.Select(s => (LifecycleStage)s) },
        Cells = { map.Cells.Where(c => !c.IsEmpty).Select(ToWire) },
        ReportingMembers = map.ReportingMembers,
        GeneratedAt = Timestamp.FromDateTimeOffset(map.GeneratedAt),
        Reporters =
        {
            reports.Select(r => new CoverageReporter
            {
                ParticipantId = r.ParticipantId,
                ReportedAt = Timestamp.FromDateTimeOffset(r.ReportedAt),
                Cells = r.Counts.Count,
                Passports = r.Counts.Sum(c => c.Passports),
                LifecycleEvents = r.Counts.Sum(c => c.LifecycleEvents),
            }),
        },
    };

    public static Gap ToWire(D.CoverageGap g) => new()
    {
        Category = g.Category,
        Stage = (LifecycleStage)g.Stage,
        Members = g.Members,
        Passports = g.Passports,
        LifecycleEvents = g.LifecycleEvents,
    };

    private static CoverageCell ToWire(D.CoverageCell c) => new()
    {
        Category = c.Category,
        Stage = (LifecycleStage)c.Stage,
        Declared = { c.Declared.Select(d => new DeclaredUseCase { UseCaseId = d.UseCaseId, Status = (UseCaseStatus)d.Status }) },
        Passports = c.Passports,
        LifecycleEvents = c.LifecycleEvents,
        Members = c.Members,
        DeclaredWithoutData = c.DeclaredWithoutData,
        DataWithoutUseCase = c.DataWithoutUseCase,
    };
}
