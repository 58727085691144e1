using System.Globalization;
using System.Text;

namespace CircularPartners.DataSpace.Tests.Goals;

/// <summary>A member row as the secretariat's spreadsheet holds it (industry by its Japanese name).</summary>
internal sealed record MemberRow(string Id, string Name, string Industry, string Kind, string Roles, DateOnly Joined);

/// <summary>A goal row; <see cref="Indicators"/> empty means "derive from the category".</summary>
internal sealed record GoalRow(string Id, string Member, string Title, string[] Indicators, string Category, string Kind, string Unit,
    int BaselineYear, double? Baseline, int TargetYear, double? Target, string Scope, DateOnly Submitted);

/// <summary>An achievement report the test adds through the API.</summary>
internal sealed record ReportRow(string GoalId, string Period, double Value);

/// <summary>
/// A realistic, deterministic member list and goal set: 600 members over the partnership's 32
/// industry classes (weighted the way such partnerships are: many manufacturers and recyclers,
/// few banks), most of them with a goal, some several. Generated from a seed, so every run
/// imports the same rows; nothing here uses the production vocabulary.
/// </summary>
internal sealed class GoalDataSet
{
    /// <summary>The 32 industry classes as the issue lists them, with a weight for how common each is.</summary>
    public static readonly (string Name, int Weight)[] Industries =
    [
        ("廃棄物処理・リサイクル・環境コンサルタント業", 60), ("情報通信業", 40), ("輸送機械器具製造業", 30), ("サービス業", 35),
        ("木材・木製品、パルプ・紙・紙加工品製造業", 15), ("化学工業", 35), ("食料品、飲料・たばこ・飼料製造業", 20), ("電気機械器具製造業", 25),
        ("農業、林業、漁業", 5), ("卸売業、小売業", 30), ("その他の製造業", 25), ("不動産業", 10), ("窯業・土石製品製造業", 10),
        ("石油製品・石炭製品製造業", 6), ("繊維工業", 15), ("建設業", 20), ("物品賃貸業", 6), ("非鉄金属製造業", 12),
        ("関係機関・関係団体", 30), ("生産用機械器具製造業", 12), ("大学", 20), ("情報通信機械器具、電子部品・デバイス・電子回路製造業", 15),
        ("金属製品製造業", 12), ("自治体", 35), ("研究機関", 12), ("教育、学習支援、医療、福祉、複合サービス業", 6), ("業務用機械器具製造業", 6),
        ("電気・ガス・熱供給・水道業", 12), ("鉄鋼業", 8), ("はん用機械器具製造業", 6), ("金融業、保険業", 10), ("運輸業", 12),
    ];

    /// <summary>Goal-setting categories and the representative indicator each belongs to (the issue's grouping).</summary>
    public static readonly Dictionary<string, string> CategoryIndicator = new()
    {
        ["ce-sales"] = "ce-market-size", ["ce-investment"] = "ce-market-size", ["ghg-emissions"] = "ghg-emissions",
        ["resource-productivity"] = "inlet-circular-use-rate", ["recycled-material-use-rate"] = "inlet-circular-use-rate",
        ["collection"] = "outlet-circular-use-rate", ["repair-reuse-rate"] = "outlet-circular-use-rate", ["recycling-rate"] = "outlet-circular-use-rate",
        ["waste"] = "final-disposal-amount", ["landfill"] = "final-disposal-amount", ["other"] = "other",
    };

    public static readonly string[] IndicatorOrder = ["ce-market-size", "ghg-emissions", "inlet-circular-use-rate", "outlet-circular-use-rate", "final-disposal-amount", "other"];

    public List<MemberRow> Members { get; } = [];
    public List<GoalRow> Goals { get; } = [];
    public List<ReportRow> Reports { get; } = [];

    public GoalDataSet(int seed = 20261128, int members = 600)
    {
        var random = new Random(seed);
        var totalWeight = Industries.Sum(i => i.Weight);
        var first = new DateOnly(2021, 4, 1);
        for (var i = 0; i < members; i++)
        {
            // Every class gets at least one member; the rest follow the weights.
            var industry = i < Industries.Length ? Industries[i].Name : Pick(random, totalWeight);
            var kind = industry switch
            {
                "大学" => "university",
                "研究機関" => "research",
                "自治体" => "municipality",
                "関係機関・関係団体" => random.Next(4) == 0 ? "government" : "association",
                "教育、学習支援、医療、福祉、複合サービス業" => random.Next(2) == 0 ? "school" : "company",
                _ => random.Next(20) == 0 ? "other" : "company",
            };
            var roles = industry is "廃棄物処理・リサイクル・環境コンサルタント業" or "自治体" ? "venous"
                : random.Next(6) == 0 ? "arterial;venous" : "arterial";
            var joined = first.AddDays(random.Next(0, 2040));
            var name = kind switch
            {
                "municipality" => $"第{i + 1}市",
                "university" => $"国立第{i + 1}大学",
                _ => random.Next(15) == 0 ? $"\"サーキュラー\" 第{i + 1}工業, Ltd." : $"第{i + 1}サーキュラー株式会社",
            };
            Members.Add(new MemberRow((7000000000000L + (i * 7L)).ToString(CultureInfo.InvariantCulture), name, industry, kind, roles, joined));
        }
        var categories = CategoryIndicator.Keys.ToArray();
        var end = new DateOnly(2026, 11, 27);
        foreach (var member in Members)
        {
            var exempt = member.Kind is "university" or "school" or "research";
            if (random.Next(100) >= (exempt ? 25 : 55))
            {
                continue;
            }
            var count = random.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 };
            for (var g = 0; g < count; g++)
            {
                Goals.Add(NewGoal(random, member, g, categories, end));
            }
        }
        foreach (var goal in Goals.Where(g => g.Kind == "quantitative").Where((_, i) => i % 3 != 2))
        {
            var value = (double fraction) => Math.Round(goal.Baseline!.Value + (fraction * (goal.Target!.Value - goal.Baseline.Value)), 2);
            Reports.Add(new ReportRow(goal.Id, "2025", value((random.NextDouble() * 1.2) - 0.2)));
            if (random.Next(2) == 0)
            {
                Reports.Add(new ReportRow(goal.Id, "2026-H1", value((random.NextDouble() * 1.7) - 0.3)));
            }
        }
    }

    private static GoalRow NewGoal(Random random, MemberRow member, int index, string[] categories, DateOnly end)
    {
        var category = categories[random.Next(categories.Length)];
        var kind = random.Next(10) switch { < 7 => "quantitative", < 9 => "qualitative", _ => "project" };
        var indicators = random.Next(5) == 0 ? new[] { CategoryIndicator[category], "other" }.Distinct().ToArray() : [];
        var baselineYear = 2015 + random.Next(10);
        var targetYear = Math.Max(baselineYear + 1, 2023 + random.Next(13));
        double? baseline = null, target = null;
        var unit = "";
        if (kind == "quantitative")
        {
            unit = random.Next(2) == 0 ? "t" : "%";
            baseline = Math.Round(10 + (random.NextDouble() * 990), 1);
            // Reduction goals (waste, landfill, GHG) aim lower; the others higher.
            var down = CategoryIndicator[category] is "final-disposal-amount" or "ghg-emissions";
            target = Math.Round(baseline.Value * (down ? 0.4 + (random.NextDouble() * 0.5) : 1.1 + random.NextDouble()), 1);
        }
        var submitted = member.Joined.AddDays(random.Next(0, 540));
        if (submitted > end)
        {
            submitted = end;
        }
        var title = $"{CategoryTitle(category)}の目標 {index + 1}" + (random.Next(12) == 0 ? "（\"重点\", 全社）" : "");
        return new GoalRow($"G-{member.Id}-{index + 1}", member.Id, title, indicators, category, kind, unit, kind == "quantitative" || random.Next(2) == 0 ? baselineYear : 0,
            baseline, targetYear, target, random.Next(4) == 0 ? "product-line" : "company", submitted);
    }

    private static string CategoryTitle(string category) => category switch
    {
        "recycling-rate" => "リサイクル率向上",
        "waste" => "廃棄物削減",
        "ghg-emissions" => "GHG排出削減",
        _ => category,
    };

    private static string Pick(Random random, int totalWeight)
    {
        var roll = random.Next(totalWeight);
        foreach (var (name, weight) in Industries)
        {
            if ((roll -= weight) < 0)
            {
                return name;
            }
        }
        return Industries[^1].Name;
    }

    /// <summary>The member list as the secretariat's spreadsheet exports it: Japanese headers.</summary>
    public string MembersCsv(IEnumerable<MemberRow>? rows = null)
    {
        var csv = new StringBuilder("会員ID,名称,業種,種別,役割,入会日\r\n");
        foreach (var m in rows ?? Members)
        {
            csv.Append(Csv(m.Id, m.Name, m.Industry, m.Kind, m.Roles, m.Joined.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture))).Append("\r\n");
        }
        return csv.ToString();
    }

    public string GoalsCsv(IEnumerable<GoalRow>? rows = null)
    {
        var csv = new StringBuilder("goal_id,participant_id,title,indicators,category,kind,unit,baseline_year,baseline_value,target_year,target_value,scope,submitted_at\n");
        foreach (var g in rows ?? Goals)
        {
            csv.Append(Csv(g.Id, g.Member, g.Title, string.Join(";", g.Indicators), g.Category, g.Kind, g.Unit, Year(g.BaselineYear), Number(g.Baseline),
                Year(g.TargetYear), Number(g.Target), g.Scope, g.Submitted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Append('\n');
        }
        return csv.ToString();
    }

    private static string Year(int year) => year == 0 ? "" : year.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Csv(params string[] cells) =>
        string.Join(",", cells.Select(c => c.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c));
}
