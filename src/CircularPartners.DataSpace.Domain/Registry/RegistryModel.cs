using System.Text.Json.Serialization;

namespace CircularPartners.DataSpace.Domain.Registry;

/// <summary>The columns of the coverage map, in lifecycle order.</summary>
public enum LifecycleStage
{
    Design = 1,
    MaterialProduction = 2,
    Manufacturing = 3,
    Distribution = 4,
    Use = 5,
    Collection = 6,
    SecondaryUse = 7,
    Recycling = 8,
    FinalDisposal = 9,
}

public enum UseCaseStatus
{
    Concept = 1,
    Introduction = 2,
    Expansion = 3,
}

public enum ProposalStatus
{
    Pending = 1,
    Accepted = 2,
    Declined = 3,
}

/// <summary>A CE information-sharing use case and where it sits on the map.</summary>
/// <param name="Seed">Shipped with the project and not yet confirmed by the secretariat.</param>
public sealed record UseCase(
    string Id,
    string NameJa,
    string NameEn,
    string Domain,
    string LeadOrganisation,
    UseCaseStatus Status,
    IReadOnlyList<string> SchemaIds,
    IReadOnlyList<string> CategoryIds,
    IReadOnlyList<LifecycleStage> Stages,
    IReadOnlyList<string> Members,
    IReadOnlyList<string> Links,
    bool Seed = false,
    DateTimeOffset UpdatedAt = default,
    string UpdatedBy = "");

/// <summary>A product/material category; the id is a slash path like the passports' <c>/product/category</c>.</summary>
public sealed record Category(string Id, string NameJa, string NameEn)
{
    [JsonIgnore]
    public string ParentId => Id.LastIndexOf('/') is var slash and > 0 ? Id[..slash] : "";

    [JsonIgnore]
    public int Depth => Id.Count(c => c == '/');

    /// <summary>The category itself or one below it, the same rule as the passport query's category filter.</summary>
    public static bool Covers(string ancestorOrSelf, string category) =>
        category == ancestorOrSelf || category.StartsWith(ancestorOrSelf + "/", StringComparison.Ordinal);
}

/// <summary>One change to the registry: who, when, what.</summary>
public sealed record RegistryChange(long Sequence, DateTimeOffset At, string Actor, string Action, string Subject, string Summary);

public sealed record Proposal(
    string Id,
    string Theme,
    string Domain,
    string Outline,
    string Proposer,
    IReadOnlyList<string> CategoryIds,
    IReadOnlyList<LifecycleStage> Stages,
    ProposalStatus Status,
    DateTimeOffset ProposedAt,
    string Reason = "",
    string UseCaseId = "",
    DateTimeOffset? DecidedAt = null,
    string DecidedBy = "");

/// <summary>What a member asks for; the proposer and time come from the call.</summary>
public sealed record ProposalDraft(string Theme, string Domain, string Outline, IReadOnlyList<string> CategoryIds, IReadOnlyList<LifecycleStage> Stages);

/// <summary>How a proposal becomes a use case; empty values take defaults from the proposal.</summary>
public sealed record Acceptance(string ProposalId, string UseCaseId, string NameJa, string LeadOrganisation, string NameEn = "");

/// <summary>Counts one connector holds in one category × stage cell.</summary>
public sealed record CoverageCount(string Category, LifecycleStage Stage, long Passports, long LifecycleEvents);

/// <summary>A participant's latest measured-coverage report; a new one replaces it.</summary>
public sealed record CoverageReport(string ParticipantId, DateTimeOffset ReportedAt, IReadOnlyList<CoverageCount> Counts);
