namespace CircularPartners.DataSpace.Domain.Registry;

public sealed record DeclaredUseCase(string UseCaseId, UseCaseStatus Status);

/// <summary>
/// One category × stage cell. <see cref="Passports"/>, <see cref="LifecycleEvents"/> and
/// <see cref="Members"/> count the category and everything below it; the <c>Own</c> values only
/// what was reported at this category itself (after mapping to the deepest registered one).
/// </summary>
public sealed record CoverageCell(
    string Category,
    LifecycleStage Stage,
    IReadOnlyList<DeclaredUseCase> Declared,
    long Passports,
    long LifecycleEvents,
    int Members,
    long OwnPassports,
    long OwnLifecycleEvents,
    int OwnMembers)
{
    public bool IsDeclared => Declared.Count > 0;

    public bool HasData => Passports + LifecycleEvents > 0;

    /// <summary>A use case claims the cell but no member reports data in it or below it.</summary>
    public bool DeclaredWithoutData => IsDeclared && !HasData;

    /// <summary>Members report data here that no use case covers.</summary>
    public bool DataWithoutUseCase => !IsDeclared && OwnPassports + OwnLifecycleEvents > 0;

    public bool IsEmpty => !IsDeclared && !HasData;
}

/// <summary>A cell no use case covers, with how many members' products fall there.</summary>
public sealed record CoverageGap(string Category, LifecycleStage Stage, int Members, long Passports, long LifecycleEvents);

/// <summary>
/// The full grid: every row (registered categories, then categories seen only in reports) by
/// every stage, in row-major order.
/// </summary>
public sealed record CoverageMap(
    IReadOnlyList<Category> Rows,
    IReadOnlyList<string> UnregisteredCategories,
    IReadOnlyList<CoverageCell> Cells,
    int ReportingMembers,
    DateTimeOffset GeneratedAt)
{
    public CoverageCell Cell(string category, LifecycleStage stage) =>
        Cells.First(c => c.Category == category && c.Stage == stage);
}
