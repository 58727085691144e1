using CircularPartners.DataSpace.Domain.Goals;
using CircularPartners.DataSpace.Domain.Goals.Analytics;
using CircularPartners.DataSpace.Domain.Goals.Import;
using CircularPartners.DataSpace.Tests.Storage;

namespace CircularPartners.DataSpace.Tests.Goals;

/// <summary>Progress, periods, CSV reading and goal validation without a host.</summary>
public sealed class GoalDomainTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static AchievementReport Report(string period, double value, int minute = 0) =>
        new("", "g1", period, value, "", new DateTimeOffset(2026, 11, 28, 9, minute, 0, TimeSpan.Zero), "m");

    [Theory]
    [InlineData(60, 0.5, 0.5)]
    [InlineData(90, 1.0, 1.25)]
    [InlineData(36, 0.0, -0.1)]
    public void Of_IncreaseGoal_ClampedToZeroOneRawKept(double latest, double clamped, double raw)
    {
        var progress = ProgressCalculator.Of(GoalStoreContract.AGoal("g1"), [Report("2025", latest)], Today);

        Assert.True(progress.Defined);
        Assert.Equal(clamped, progress.Progress, 10);
        Assert.Equal(raw, progress.RawProgress, 10);
    }

    [Fact]
    public void Of_ReductionGoal_ProgressTowardTheLowerTarget()
    {
        var waste = GoalStoreContract.AGoal("g1") with { BaselineValue = 1000, TargetValue = 600 };

        Assert.Equal(0.5, ProgressCalculator.Of(waste, [Report("2025", 800)], Today).Progress, 10);
    }

    [Fact]
    public void Of_LatestIsThePeriodThatEndsLast_NotTheLastReported()
    {
        var progress = ProgressCalculator.Of(GoalStoreContract.AGoal("g1"), [Report("2026-Q1", 70, 1), Report("2025", 50, 2), Report("2025-12", 52, 3)], Today);

        Assert.Equal(("2026-Q1", 70.0, 3), (progress.LatestPeriod, progress.LatestValue, progress.ReportCount));
    }

    [Fact]
    public void Of_QualitativeOrNoReports_ProgressUndefined_PastTargetYearStillKnown()
    {
        var qualitative = GoalStoreContract.AGoal("g1") with { Kind = "qualitative", TargetYear = 2025 };

        Assert.False(ProgressCalculator.Of(qualitative, [Report("2025", 1)], Today).Defined);
        Assert.False(ProgressCalculator.Of(GoalStoreContract.AGoal("g1"), [], Today).Defined);
        Assert.True(ProgressCalculator.Of(qualitative, [], Today).PastTargetYear);
    }

    [Theory]
    [InlineData("2025", "2025-12-31")]
    [InlineData("2025-H1", "2025-06-30")]
    [InlineData("2024-Q1", "2024-03-31")]
    [InlineData("2024-02", "2024-02-29")]
    [InlineData("令和7年度", null)]
    [InlineData("2025-13", null)]
    [InlineData("2025-Q5", null)]
    public void EndOf_Formats_LastDayOrNull(string period, string? end) =>
        Assert.Equal(end, ReportPeriod.EndOf(period)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Median_EvenCount_MeanOfTheMiddleTwo()
    {
        Assert.Equal(2.5, ProgressCalculator.Median([4, 1, 3, 2]));
        Assert.Equal(3, ProgressCalculator.Median([5, 1, 3]));
        Assert.Null(ProgressCalculator.Median([]));
    }

    [Fact]
    public void Read_QuotedCellsAndBom_FileLinesAndAliasesKept()
    {
        var (header, rows) = CsvTable.Read("\uFEFF会員ID,名称\r\n1,\"a, \"\"b\"\"\nc\"\r\n\r\n2,d\r\n", MemberImport.Aliases);

        Assert.Equal(["participant_id", "name"], header);
        Assert.Equal([(2, "1", "a, \"b\"\nc"), (5, "2", "d")], rows.Select(r => (r.Line, r["participant_id"], r["name"])));
    }

    [Fact]
    public void Check_CategoryNamedInJapanese_StoredAsCodeWithItsIndicator()
    {
        var (goal, violations) = GoalValidator.Check(GoalStoreContract.AGoal("g1") with { Category = "埋立量・埋立率", Indicators = [], Kind = "定量目標" });

        Assert.Empty(violations);
        Assert.Equal(("landfill", "quantitative", "final-disposal-amount"), (goal.Category, goal.Kind, goal.Indicators.Single()));
    }

    [Fact]
    public void MonthsBetween_DayOfMonthNotYetReached_CountsOneFewer()
    {
        Assert.Equal(11, GoalAnalytics.MonthsBetween(new DateOnly(2025, 4, 15), new DateOnly(2026, 4, 14)));
        Assert.Equal(12, GoalAnalytics.MonthsBetween(new DateOnly(2025, 4, 15), new DateOnly(2026, 4, 15)));
    }

    [Fact]
    public void Vocabulary_ThirtyTwoIndustriesEachCategoryUnderAKnownIndicator()
    {
        Assert.Equal(32, GoalVocabulary.Industries.Select(i => i.Code).Distinct().Count());
        Assert.Equal(32, GoalVocabulary.Industries.Select(i => i.NameJa).Distinct().Count());
        Assert.All(GoalVocabulary.Categories, c => Assert.Contains(GoalVocabulary.Indicators, i => i.Code == c.Indicator));
    }
}
