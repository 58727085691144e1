using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Portal.Pages.Goals;

/// <summary>The goal form's fields, bound from the posted form and mapped onto the API's goal.</summary>
internal sealed class GoalForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }
    public string[] Indicators { get; set; } = [];
    public string? Kind { get; set; }
    public string? Unit { get; set; }
    public int? BaselineYear { get; set; }
    public double? BaselineValue { get; set; }
    public int? TargetYear { get; set; }
    public double? TargetValue { get; set; }
    public string? Scope { get; set; }
    public string? ScopeDetail { get; set; }

    /// <summary>What the member typed, as is: the connector validates and names each field it refuses.</summary>
    public Goal ToGoal(string goalId = "")
    {
        var goal = new Goal
        {
            GoalId = goalId,
            Title = Title ?? "",
            Description = Description ?? "",
            Category = Category ?? "",
            Kind = Kind ?? "",
            Unit = Unit ?? "",
            BaselineYear = BaselineYear ?? 0,
            TargetYear = TargetYear ?? 0,
            Scope = Scope ?? "",
            ScopeDetail = ScopeDetail ?? "",
        };
        goal.Indicators.AddRange(Indicators);
        if (BaselineValue is { } baseline)
        {
            goal.BaselineValue = baseline;
        }
        if (TargetValue is { } target)
        {
            goal.TargetValue = target;
        }
        return goal;
    }

    public static GoalForm From(Goal goal) => new()
    {
        Title = goal.Title,
        Description = goal.Description,
        Category = goal.Category,
        Indicators = [.. goal.Indicators],
        Kind = goal.Kind,
        Unit = goal.Unit,
        BaselineYear = goal.BaselineYear == 0 ? null : goal.BaselineYear,
        BaselineValue = goal.HasBaselineValue ? goal.BaselineValue : null,
        TargetYear = goal.TargetYear == 0 ? null : goal.TargetYear,
        TargetValue = goal.HasTargetValue ? goal.TargetValue : null,
        Scope = goal.Scope,
        ScopeDetail = goal.ScopeDetail,
    };
}
