namespace CircularPartners.DataSpace.Tests.Goals;

internal sealed record ExpectedRate(string NameJa, int Members, int Submitted, double Share);

internal sealed record ExpectedCount(string Code, int Goals, double Share);

internal sealed record ExpectedProgress(string Indicator, int Goals, int WithReports, int WithProgress, double? Median, int PastTarget);

/// <summary>
/// The analytics tables computed straight from the generated rows with plain LINQ, following the
/// definitions in docs/goals.md, without the production code.
/// </summary>
internal sealed class ExpectedTables(GoalDataSet data, DateOnly asOf, bool reportsCount)
{
    private List<MemberRow> Members => [.. data.Members.Where(m => m.Joined <= asOf)];

    private List<GoalRow> Goals
    {
        get
        {
            var members = Members.Select(m => m.Id).ToHashSet();
            return [.. data.Goals.Where(g => g.Submitted <= asOf && members.Contains(g.Member))];
        }
    }

    private static string[] IndicatorsOf(GoalRow goal) => goal.Indicators.Length > 0 ? goal.Indicators : [GoalDataSet.CategoryIndicator[goal.Category]];

    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);

    public (List<ExpectedRate> Rows, ExpectedRate Total) SubmissionRates()
    {
        var submitters = Goals.Select(g => g.Member).ToHashSet();
        var rows = GoalDataSet.Industries.Select(i =>
        {
            var members = Members.Where(m => m.Industry == i.Name).ToList();
            var submitted = members.Count(m => submitters.Contains(m.Id));
            return new ExpectedRate(i.Name, members.Count, submitted, Share(submitted, members.Count));
        }).ToList();
        var all = Members.Count(m => submitters.Contains(m.Id));
        return (rows, new ExpectedRate("合計", Members.Count, all, Share(all, Members.Count)));
    }

    public (List<ExpectedCount> Rows, int Sum) GoalsByIndicator()
    {
        var counts = GoalDataSet.IndicatorOrder.Select(i => (Code: i, Goals: Goals.Count(g => IndicatorsOf(g).Contains(i)))).ToList();
        var sum = counts.Sum(c => c.Goals);
        return ([.. counts.Select(c => new ExpectedCount(c.Code, c.Goals, Share(c.Goals, sum)))], sum);
    }

    public List<ExpectedCount> GoalsByKind() =>
        [.. new[] { "quantitative", "qualitative", "project" }.Select(k => (Kind: k, Goals: Goals.Count(g => g.Kind == k))).Select(c => new ExpectedCount(c.Kind, c.Goals, Share(c.Goals, Goals.Count)))];

    public (List<ExpectedProgress> Rows, ExpectedProgress Total) Progress()
    {
        var reports = reportsCount ? data.Reports : [];
        var progress = Goals.Select(g =>
        {
            var mine = reports.Where(r => r.GoalId == g.Id).ToList();
            // "2026-H1" ends after "2025": the half-year report is the latest when there is one.
            var latest = mine.FirstOrDefault(r => r.Period == "2026-H1") ?? mine.FirstOrDefault();
            double? clamped = g.Kind == "quantitative" && latest is not null
                ? Math.Clamp((latest.Value - g.Baseline!.Value) / (g.Target!.Value - g.Baseline.Value), 0, 1) * 100
                : null;
            return (Goal: g, Reports: mine.Count, Progress: clamped);
        }).ToList();
        ExpectedProgress Row(string code, IEnumerable<(GoalRow Goal, int Reports, double? Progress)> of)
        {
            var list = of.ToList();
            var values = list.Where(p => p.Progress is not null).Select(p => p.Progress!.Value).Order().ToArray();
            double? median = values.Length == 0 ? null
                : Math.Round(values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2, 1, MidpointRounding.AwayFromZero);
            return new ExpectedProgress(code, list.Count, list.Count(p => p.Reports > 0), values.Length, median, list.Count(p => p.Goal.TargetYear < asOf.Year));
        }
        return ([.. GoalDataSet.IndicatorOrder.Select(i => Row(i, progress.Where(p => IndicatorsOf(p.Goal).Contains(i))))], Row("total", progress));
    }

    public List<string> PendingSubmitters(int months)
    {
        var submitters = Goals.Select(g => g.Member).ToHashSet();
        return [.. Members
            .Where(m => !submitters.Contains(m.Id))
            .Where(m => m.Kind is not ("university" or "school" or "research") && m.Industry is not ("大学" or "研究機関"))
            .Where(m => m.Joined.AddMonths(months) < asOf)
            .OrderBy(m => m.Joined).ThenBy(m => m.Id, StringComparer.Ordinal)
            .Select(m => m.Id)];
    }
}
