namespace CircularPartners.DataSpace.Domain.Goals;

/// <summary>A member's circular-economy goal. Codes come from <see cref="GoalVocabulary"/>.</summary>
public sealed record Goal(
    string GoalId,
    string ParticipantId,
    string Title,
    string Description,
    IReadOnlyList<string> Indicators,
    string Category,
    string Kind,
    string Unit,
    int BaselineYear,
    double? BaselineValue,
    int TargetYear,
    double? TargetValue,
    string Scope,
    string ScopeDetail,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    bool ClassifiedBySecretariat,
    bool Deleted = false)
{
    /// <summary>The fields a member or an import sets, compared to tell an unchanged re-import from an update.</summary>
    public bool SameContentAs(Goal other) =>
        ParticipantId == other.ParticipantId && Title == other.Title && Description == other.Description
        && Indicators.SequenceEqual(other.Indicators) && Category == other.Category && Kind == other.Kind && Unit == other.Unit
        && BaselineYear == other.BaselineYear && BaselineValue == other.BaselineValue && TargetYear == other.TargetYear
        && TargetValue == other.TargetValue && Scope == other.Scope && ScopeDetail == other.ScopeDetail
        && SubmittedAt == other.SubmittedAt && Deleted == other.Deleted;
}

/// <summary>A value a member reported for one period of a goal.</summary>
public sealed record AchievementReport(
    string ReportId,
    string GoalId,
    string Period,
    double Value,
    string Comment,
    DateTimeOffset ReportedAt,
    string ReportedBy);

/// <summary>How far a goal has come; see <see cref="ProgressCalculator"/>.</summary>
public sealed record GoalProgress(
    int ReportCount,
    bool Defined,
    double Progress,
    double RawProgress,
    double LatestValue,
    string LatestPeriod,
    bool PastTargetYear);
