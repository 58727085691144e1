using System.Text.RegularExpressions;

namespace CircularPartners.DataSpace.Tests.Docs;

/// <summary>
/// The rows of docs/conformance.md: every Markdown table whose header starts with
/// <c>| Criterion | Status | Code | Tests |</c>. Code and Tests cells name their items in backticks,
/// so prose in the same cell is never mistaken for a file or a test.
/// </summary>
internal static partial class ConformanceMatrix
{
    public static IReadOnlyList<ConformanceRow> Parse(string markdown)
    {
        var rows = new List<ConformanceRow>();
        var lines = markdown.Split('\n');
        var section = "";
        var inTable = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith('#'))
            {
                section = line.TrimStart('#').Trim();
            }
            if (!line.StartsWith('|'))
            {
                inTable = false;
                continue;
            }
            var cells = Cells(line);
            if (cells.Count >= 4 && cells[0] == "Criterion" && cells[1] == "Status")
            {
                inTable = true;
                i++; // the separator line under the header
                continue;
            }
            if (inTable)
            {
                // A row short of cells still becomes a row, so a broken one fails the checks instead of vanishing.
                string Cell(int index) => index < cells.Count ? cells[index] : "";
                rows.Add(new ConformanceRow(i + 1, section, Cell(0), Cell(1), Backticked(Cell(2)), Backticked(Cell(3))));
            }
        }
        return rows;
    }

    private static List<string> Cells(string line)
    {
        var parts = line.Split('|').Select(cell => cell.Trim()).ToList();
        // A table line starts and ends with '|', which leaves an empty first and last part.
        return parts.Skip(1).Take(parts.Count - 2).ToList();
    }

    private static List<string> Backticked(string cell) =>
        BacktickedPattern().Matches(cell).Select(match => match.Groups[1].Value).ToList();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex BacktickedPattern();
}

internal sealed record ConformanceRow(int Line, string Section, string Criterion, string Status, IReadOnlyList<string> Code, IReadOnlyList<string> Tests)
{
    public override string ToString() => $"docs/conformance.md line {Line} ({Criterion})";
}
