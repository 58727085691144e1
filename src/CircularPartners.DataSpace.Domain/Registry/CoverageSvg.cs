using System.Globalization;
using System.Xml.Linq;

namespace CircularPartners.DataSpace.Domain.Registry;

/// <summary>
/// The coverage map as an SVG heat map: category rows × stage columns, coloured by the most
/// advanced declared status, orange where data flows with no use case, a dashed red border where
/// a use case is declared but no data flows. Every cell is a <c>g.cell</c> carrying
/// <c>data-category</c> and <c>data-stage</c>. Built with XDocument, so it is always well-formed.
/// </summary>
public static class CoverageSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const int LabelWidth = 330, CellWidth = 122, CellHeight = 40, Top = 84, Left = 10;

    private static readonly (string Label, string Fill, string Text)[] Legend =
    [
        ("expansion", "#1b7837", "#ffffff"),
        ("introduction", "#7fbf7b", "#102010"),
        ("concept", "#d9f0d3", "#102010"),
        ("data, no use case", "#f4a582", "#401000"),
        ("no use case, no data", "#f2f2f2", "#606060"),
    ];

    public static string Render(CoverageMap map)
    {
        var stages = LifecycleStages.All;
        var width = Left + LabelWidth + stages.Count * CellWidth + 20;
        var gridBottom = Top + map.Rows.Count * CellHeight;
        var height = gridBottom + 120;
        var root = new XElement(Svg + "svg",
            new XAttribute("width", width), new XAttribute("height", height),
            new XAttribute("viewBox", $"0 0 {width} {height}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", 11),
            new XElement(Svg + "title", "Circular Partners use-case coverage map"),
            new XElement(Svg + "rect", new XAttribute("width", width), new XAttribute("height", height), new XAttribute("fill", "#ffffff")),
            Text(Left, 24, "Use-case coverage map: declared use cases and measured data by category × lifecycle stage", 15, "bold"),
            Text(Left, 44, $"Generated {map.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC · {map.ReportingMembers} reporting members · cell text: use cases, then P = passports, E = lifecycle events", 11, "normal"));

        for (var s = 0; s < stages.Count; s++)
        {
            root.Add(Text(Left + LabelWidth + s * CellWidth + CellWidth / 2, Top - 10, LifecycleStages.Name(stages[s]).Replace('_', ' '), 11, "bold", "middle"));
        }
        for (var r = 0; r < map.Rows.Count; r++)
        {
            var row = map.Rows[r];
            var y = Top + r * CellHeight;
            var label = row.NameEn.Length > 0 && row.NameEn != row.Id ? $"{row.NameEn} ({row.Id.Split('/')[^1]})" : row.Id;
            if (map.UnregisteredCategories.Contains(row.Id))
            {
                label += " [not registered]";
            }
            root.Add(Text(Left + row.Depth * 14, y + CellHeight / 2 + 4, label, 11, row.Depth == 0 ? "bold" : "normal"));
            for (var s = 0; s < stages.Count; s++)
            {
                root.Add(CellElement(map.Cell(row.Id, stages[s]), Left + LabelWidth + s * CellWidth, y));
            }
        }
        for (var i = 0; i < Legend.Length; i++)
        {
            var x = Left + i * 180;
            root.Add(new XElement(Svg + "rect", new XAttribute("x", x), new XAttribute("y", gridBottom + 30), new XAttribute("width", 18),
                new XAttribute("height", 18), new XAttribute("fill", Legend[i].Fill), new XAttribute("stroke", "#999999")));
            root.Add(Text(x + 24, gridBottom + 43, Legend[i].Label, 11, "normal"));
        }
        root.Add(new XElement(Svg + "rect", new XAttribute("x", Left), new XAttribute("y", gridBottom + 64), new XAttribute("width", 18),
            new XAttribute("height", 18), new XAttribute("fill", "#ffffff"), new XAttribute("stroke", "#b2182b"),
            new XAttribute("stroke-width", 2), new XAttribute("stroke-dasharray", "4 2")));
        root.Add(Text(Left + 24, gridBottom + 77, "declared, but no data reported", 11, "normal"));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root.ToString(SaveOptions.None) + "\n";
    }

    private static XElement CellElement(CoverageCell cell, int x, int y)
    {
        var best = cell.Declared.Count > 0 ? cell.Declared.Max(d => d.Status) : (UseCaseStatus?)null;
        var (_, fill, ink) = best switch
        {
            UseCaseStatus.Expansion => Legend[0],
            UseCaseStatus.Introduction => Legend[1],
            UseCaseStatus.Concept => Legend[2],
            _ => cell.DataWithoutUseCase ? Legend[3] : Legend[4],
        };
        var useCases = string.Join(", ", cell.Declared.Select(d => d.UseCaseId));
        var stage = LifecycleStages.Name(cell.Stage);
        var group = new XElement(Svg + "g",
            new XAttribute("class", "cell"),
            new XAttribute("data-category", cell.Category),
            new XAttribute("data-stage", stage),
            new XAttribute("data-declared", string.Join(' ', cell.Declared.Select(d => d.UseCaseId))),
            new XAttribute("data-passports", cell.Passports),
            new XAttribute("data-events", cell.LifecycleEvents),
            new XElement(Svg + "title", $"{cell.Category} × {stage}\nuse cases: {(useCases.Length > 0 ? string.Join(", ", cell.Declared.Select(d => $"{d.UseCaseId} ({LifecycleStages.StatusName(d.Status)})")) : "none")}\npassports: {cell.Passports}, lifecycle events: {cell.LifecycleEvents}, members: {cell.Members}"),
            new XElement(Svg + "rect",
                new XAttribute("x", x + 1), new XAttribute("y", y + 1), new XAttribute("width", CellWidth - 2), new XAttribute("height", CellHeight - 2),
                new XAttribute("fill", fill),
                new XAttribute("stroke", cell.DeclaredWithoutData ? "#b2182b" : "#ffffff"),
                new XAttribute("stroke-width", cell.DeclaredWithoutData ? 2 : 1),
                cell.DeclaredWithoutData ? new XAttribute("stroke-dasharray", "4 2") : null));
        if (useCases.Length > 0)
        {
            group.Add(Text(x + 6, y + 16, useCases.Length > 20 ? useCases[..19] + "…" : useCases, 10, "normal", fill: ink));
        }
        if (cell.HasData)
        {
            group.Add(Text(x + 6, y + 32, $"P {cell.Passports} · E {cell.LifecycleEvents}", 10, "bold", fill: ink));
        }
        return group;
    }

    private static XElement Text(int x, int y, string text, int size, string weight, string anchor = "start", string fill = "#202020") =>
        new(Svg + "text", new XAttribute("x", x), new XAttribute("y", y), new XAttribute("font-size", size),
            new XAttribute("font-weight", weight), new XAttribute("text-anchor", anchor), new XAttribute("fill", fill), text);
}
