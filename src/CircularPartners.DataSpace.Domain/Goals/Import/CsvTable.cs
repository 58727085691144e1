using System.Text;

namespace CircularPartners.DataSpace.Domain.Goals.Import;

/// <summary>One data row of a CSV file: its line in the file (the header is line 1) and its cells by column.</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.TryGetValue(column, out var value) ? value : "";
}

/// <summary>
/// Reads RFC 4180 CSV as spreadsheets write it: comma-separated, double-quoted fields with ""
/// escapes and line breaks inside quotes, CRLF or LF, an optional UTF-8 BOM. Header names are
/// matched through <c>aliases</c> (e.g. Japanese headers) to the canonical column names.
/// </summary>
public static class CsvTable
{
    public static (IReadOnlyList<string> Header, IReadOnlyList<CsvRow> Rows) Read(string text, IReadOnlyDictionary<string, string> aliases)
    {
        var records = Records(text.TrimStart('\uFEFF'));
        if (records.Count == 0)
        {
            return ([], []);
        }
        var header = records[0].Fields.Select(h => aliases.TryGetValue(h.Trim(), out var canonical) ? canonical : h.Trim().ToLowerInvariant()).ToList();
        var rows = new List<CsvRow>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(f => f.Trim().Length == 0))
            {
                continue;
            }
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                cells[header[i]] = i < fields.Count ? fields[i].Trim() : "";
            }
            rows.Add(new CsvRow(line, cells));
        }
        return (header, rows);
    }

    private static List<(int Line, List<string> Fields)> Records(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add((recordLine, fields));
                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }
        return records;
    }
}
