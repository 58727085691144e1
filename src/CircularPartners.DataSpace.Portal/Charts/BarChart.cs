using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace CircularPartners.DataSpace.Portal.Charts;

/// <summary>One bar: its label, its length (in the chart's unit) and the text written at its end.</summary>
internal sealed record Bar(string Label, double Value, string ValueText);

/// <summary>
/// Horizontal bar charts as inline SVG: no script, sharp in screenshots and print. A chart always
/// sits beside the table holding the same numbers, which is what screen readers read; the SVG
/// itself is one image with a title.
/// </summary>
internal static class BarChart
{
    private const int LabelWidth = 380;
    private const int BarArea = 320;
    private const int ValueWidth = 90;
    private const int Row = 24;

    /// <param name="title">Accessible name of the chart.</param>
    /// <param name="bars">The bars, top to bottom.</param>
    /// <param name="max">The value a full-length bar stands for (e.g. 100 for percentages); 0: the largest bar.</param>
    public static IHtmlContent Horizontal(string title, IReadOnlyList<Bar> bars, double max = 0)
    {
        var scale = max > 0 ? max : Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var width = LabelWidth + BarArea + ValueWidth;
        var height = (Math.Max(bars.Count, 1) * Row) + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = 4 + (i * Row);
            var length = Math.Clamp(bar.Value / scale, 0, 1) * BarArea;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1a1a1a\">{WebUtility.HtmlEncode(bar.Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{BarArea}\" height=\"{Row - 6}\" fill=\"#f2f5f8\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{length:0.#}\" height=\"{Row - 6}\" fill=\"#0b5394\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + BarArea + 6}\" y=\"{y + 16}\" font-size=\"13\" fill=\"#1a1a1a\">{WebUtility.HtmlEncode(bar.ValueText)}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    public static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
