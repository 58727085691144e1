using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Goals;

/// <summary>
/// Checks a goal's fields against the vocabulary and each other, reporting every problem with the
/// field it concerns (the request's field name, which is also the import file's column), and
/// normalises it: codes trimmed, indicators derived from the category when none are given.
/// </summary>
public static class GoalValidator
{
    public const int MinYear = 1990;
    public const int MaxYear = 2100;
    private const int MaxTitle = 200;
    private const int MaxText = 2000;

    public static (Goal Goal, IReadOnlyList<Violation> Violations) Check(Goal goal)
    {
        var violations = new List<Violation>();
        void Add(string field, string kind, string message) => violations.Add(new Violation(field, kind, message));

        var title = goal.Title.Trim();
        if (title.Length == 0)
        {
            Add("title", "required", "A title is required.");
        }
        else if (title.Length > MaxTitle)
        {
            Add("title", "too_long", $"The title has at most {MaxTitle} characters.");
        }
        if (goal.Description.Length > MaxText)
        {
            Add("description", "too_long", $"The description has at most {MaxText} characters.");
        }
        var category = GoalVocabulary.Find(GoalVocabulary.Categories, goal.Category);
        if (category is null)
        {
            Add("category", goal.Category.Trim().Length == 0 ? "required" : "unknown_value", $"Category must be one of {Codes(GoalVocabulary.Categories)}.");
        }
        var indicators = new List<string>();
        foreach (var given in goal.Indicators)
        {
            if (GoalVocabulary.Find(GoalVocabulary.Indicators, given) is { } indicator)
            {
                indicators.Add(indicator.Code);
            }
            else
            {
                Add("indicators", "unknown_value", $"'{given}' is not an indicator; use {Codes(GoalVocabulary.Indicators)}.");
            }
        }
        if (indicators.Count == 0 && category is not null)
        {
            indicators.Add(category.Indicator);
        }
        var kind = GoalVocabulary.Find(GoalVocabulary.GoalKinds, goal.Kind);
        if (kind is null)
        {
            Add("kind", goal.Kind.Trim().Length == 0 ? "required" : "unknown_value", $"Kind must be one of {Codes(GoalVocabulary.GoalKinds)}.");
        }
        var scope = goal.Scope.Trim().Length == 0 ? GoalVocabulary.Scopes[0] : GoalVocabulary.Find(GoalVocabulary.Scopes, goal.Scope);
        if (scope is null)
        {
            Add("scope", "unknown_value", $"Scope must be one of {Codes(GoalVocabulary.Scopes)}.");
        }
        if (goal.ScopeDetail.Length > MaxTitle)
        {
            Add("scope_detail", "too_long", $"The scope detail has at most {MaxTitle} characters.");
        }
        CheckYears(goal, kind?.Code == "quantitative", Add);
        if (kind?.Code == "quantitative")
        {
            CheckValues(goal, Add);
        }
        var normalised = goal with
        {
            Title = title,
            Category = category?.Code ?? goal.Category,
            Indicators = [.. GoalVocabulary.Indicators.Select(i => i.Code).Where(indicators.Contains)],
            Kind = kind?.Code ?? goal.Kind,
            Scope = scope?.Code ?? goal.Scope,
            Unit = goal.Unit.Trim(),
            ScopeDetail = goal.ScopeDetail.Trim(),
        };
        return (normalised, violations);
    }

    private static void CheckYears(Goal goal, bool quantitative, Action<string, string, string> add)
    {
        if (goal.TargetYear == 0)
        {
            add("target_year", "required", "A target year is required.");
        }
        else if (goal.TargetYear is < MinYear or > MaxYear)
        {
            add("target_year", "out_of_range", $"The target year is between {MinYear} and {MaxYear}.");
        }
        if (goal.BaselineYear == 0 && quantitative)
        {
            add("baseline_year", "required", "A quantitative goal needs a baseline year.");
        }
        else if (goal.BaselineYear != 0 && goal.BaselineYear is < MinYear or > MaxYear)
        {
            add("baseline_year", "out_of_range", $"The baseline year is between {MinYear} and {MaxYear}.");
        }
        else if (goal.BaselineYear != 0 && goal.TargetYear != 0 && goal.TargetYear < goal.BaselineYear)
        {
            add("target_year", "before_baseline", "The target year cannot be before the baseline year.");
        }
    }

    private static void CheckValues(Goal goal, Action<string, string, string> add)
    {
        if (goal.Unit.Trim().Length == 0)
        {
            add("unit", "required", "A quantitative goal needs a unit (e.g. t, %, 百万円).");
        }
        if (goal.BaselineValue is not { } baseline)
        {
            add("baseline_value", "required", "A quantitative goal needs a baseline value.");
        }
        else if (!double.IsFinite(baseline))
        {
            add("baseline_value", "not_a_number", "The baseline value must be a finite number.");
        }
        if (goal.TargetValue is not { } target)
        {
            add("target_value", "required", "A quantitative goal needs a target value.");
        }
        else if (!double.IsFinite(target))
        {
            add("target_value", "not_a_number", "The target value must be a finite number.");
        }
        else if (goal.BaselineValue == target)
        {
            add("target_value", "equals_baseline", "The target value must differ from the baseline value, or progress cannot be measured.");
        }
    }

    private static string Codes(IReadOnlyList<Term> terms) => string.Join(", ", terms.Select(t => t.Code));
}
