using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Connector.DigitalLink;

/// <summary>
/// The public view as a page for a person who scanned the product: plain HTML readable without
/// scripts or styles from elsewhere, every value HTML-encoded (a passport is publisher input), and
/// Japanese fields (<c>...Ja</c>) marked with their language for screen readers and fonts.
/// </summary>
internal static class ProductPage
{
    /// <summary>No script, no remote anything: only the inline style below.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    private const int MaxDepth = 32;
    // Markup characters are always encoded; Japanese text stays readable in the page source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(PassportRecord passport, ProductLinks links, string title)
    {
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append(" – digital product passport</title>\n")
            .Append("<style>body{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5}")
            .Append("table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid #ccc}")
            .Append("th{font-weight:normal;color:#444;width:40%}</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(Encode(title)).Append("</h1>\n")
            .Append("<p>Digital product passport <code>").Append(Encode(passport.PassportId)).Append("</code>, version ")
            .Append(passport.Version).Append(", published ").Append(Encode(passport.PublishedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            .Append(". Public information only.</p>\n");
        using (var document = JsonDocument.Parse(passport.Json))
        {
            html.Append("<table>\n<tbody>\n");
            Rows(html, document.RootElement, "", 0);
            html.Append("</tbody>\n</table>\n");
        }
        html.Append("<h2>Links</h2>\n<ul>\n");
        foreach (var link in links.Links)
        {
            html.Append("<li><a href=\"").Append(Encode(link.Href)).Append("\">").Append(Encode(link.Title)).Append("</a></li>\n");
        }
        return html.Append("</ul>\n</main>\n</body>\n</html>\n").ToString();
    }

    /// <summary>One row per value, labelled with its path (<c>product › name</c>, <c>parts 1 › mass kg</c>).</summary>
    private static void Rows(StringBuilder html, JsonElement element, string label, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Rows(html, property.Value, Join(label, property.Name), depth + 1);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Rows(html, item, Join(label, (++i).ToString(System.Globalization.CultureInfo.InvariantCulture)), depth + 1);
                }
                break;
            default:
                var value = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                var lang = label.EndsWith("Ja", StringComparison.Ordinal) ? " lang=\"ja\"" : "";
                html.Append("<tr><th scope=\"row\">").Append(Encode(label)).Append("</th><td").Append(lang).Append('>')
                    .Append(Encode(value)).Append("</td></tr>\n");
                break;
        }
    }

    private static string Join(string label, string name) => label.Length == 0 ? name : label + " › " + name;

    private static string Encode(string value) => Encoder.Encode(value);
}
