using System.Xml.Linq;
using CircularPartners.DataSpace.Domain.Registry;
using static CircularPartners.DataSpace.Tests.Registry.RegistryTestSupport;

namespace CircularPartners.DataSpace.Tests.Registry;

public sealed class CoverageCalculatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-28T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static RegistrySnapshot Snapshot(params CoverageReport[] reports)
    {
        var seed = Seed();
        return RegistrySnapshot.Empty with { Categories = seed.Categories, UseCases = seed.UseCases, Reports = reports };
    }

    private static CoverageCount C(string category, LifecycleStage stage, long passports, long events) => new(category, stage, passports, events);

    private static CoverageReport Report(string member, params CoverageCount[] counts) => new(member, Now, counts);

    [Fact]
    public void Compute_ParentCategoryDeclared_CoversChildRows()
    {
        var map = CoverageCalculator.Compute(Snapshot(), Now);

        Assert.Contains("cmp", map.Cell("plastics/pet-bottles", LifecycleStage.Recycling).Declared.Select(d => d.UseCaseId));
        Assert.Empty(map.Cell("plastics/pet-bottles", LifecycleStage.Use).Declared);
    }

    [Fact]
    public void Compute_DeeperReportedCategory_CountsInDeepestRegisteredRowAndRollsUp()
    {
        var map = CoverageCalculator.Compute(Snapshot(Report("a", C("batteries/ev-batteries", LifecycleStage.Use, 5, 2))), Now);

        var cell = map.Cell("batteries", LifecycleStage.Use);
        Assert.Equal((5L, 2L, 1), (cell.Passports, cell.LifecycleEvents, cell.Members));
        Assert.False(cell.DeclaredWithoutData);
        Assert.Empty(map.UnregisteredCategories);
    }

    [Fact]
    public void Compute_Flags_DeclaredWithoutDataAndDataWithoutUseCase()
    {
        var map = CoverageCalculator.Compute(Snapshot(
            Report("a", C("steel", LifecycleStage.Recycling, 10, 0), C("furniture/chairs", LifecycleStage.Use, 3, 0))), Now);

        Assert.True(map.Cell("textiles/apparel", LifecycleStage.Collection).DeclaredWithoutData);
        Assert.True(map.Cell("steel", LifecycleStage.Recycling).DataWithoutUseCase);
        Assert.True(map.Cell("furniture/chairs", LifecycleStage.Use).DataWithoutUseCase);
        Assert.False(map.Cell("steel", LifecycleStage.Use).DataWithoutUseCase);
        Assert.Equal(["furniture/chairs"], map.UnregisteredCategories);
    }

    [Fact]
    public void Gaps_RankedByMembersThenPassports()
    {
        var map = CoverageCalculator.Compute(Snapshot(
            Report("a", C("steel", LifecycleStage.Recycling, 1, 0), C("plastics/pet-bottles", LifecycleStage.Use, 900, 0)),
            Report("b", C("steel", LifecycleStage.Recycling, 1, 0)),
            Report("c", C("steel", LifecycleStage.Recycling, 1, 0), C("textiles/apparel", LifecycleStage.Collection, 50, 0))), Now);

        var gaps = CoverageCalculator.Gaps(map, 3);

        Assert.Equal([("steel", LifecycleStage.Recycling, 3), ("plastics/pet-bottles", LifecycleStage.Use, 1)],
            gaps.Take(2).Select(g => (g.Category, g.Stage, g.Members)));
        Assert.DoesNotContain(gaps, g => g.Category == "textiles/apparel" && g.Stage == LifecycleStage.Collection);
        Assert.Equal(0, gaps[2].Members);
    }

    [Fact]
    public void Svg_IsWellFormedWithEveryCellAndALegend()
    {
        var map = CoverageCalculator.Compute(Snapshot(Report("a", C("steel", LifecycleStage.Recycling, 1, 0))), Now);

        var svg = XDocument.Parse(CoverageSvg.Render(map));

        XNamespace ns = "http://www.w3.org/2000/svg";
        var cells = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "cell")
            .Select(g => ((string)g.Attribute("data-category")!, (string)g.Attribute("data-stage")!)).ToHashSet();
        Assert.Equal(map.Cells.Count, cells.Count);
        foreach (var declared in map.Cells.Where(c => c.IsDeclared))
        {
            Assert.Contains((declared.Category, LifecycleStages.Name(declared.Stage)), cells);
        }
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "data, no use case");
    }

    [Fact]
    public void Csv_HasHeaderAndOneLinePerCell()
    {
        var map = CoverageCalculator.Compute(Snapshot(), Now);

        var lines = CoverageExport.Csv(map).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(CoverageExport.CsvHeader, lines[0]);
        Assert.Equal(map.Cells.Count + 1, lines.Length);
        Assert.Contains("textiles/apparel,collection,textile,concept,0,0,0,true,false", lines);
    }
}
