using System.Text.Json;

namespace CircularPartners.DataSpace.Portal.Pages.Passports;

/// <summary>One leaf of a passport body: its JSON Pointer and its value as text.</summary>
internal sealed record PassportField(string Pointer, string Value);

/// <summary>
/// Flattens the body the connector returned into pointer/value rows. The connector has already
/// removed what the viewer may not read, so the rows are exactly what this viewer may see.
/// </summary>
internal static class PassportFields
{
    public static IReadOnlyList<PassportField> Flatten(string json)
    {
        var rows = new List<PassportField>();
        if (string.IsNullOrEmpty(json))
        {
            return rows;
        }
        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement, "", rows);
        return rows;
    }

    private static void Walk(JsonElement element, string pointer, List<PassportField> rows)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, pointer + "/" + property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), rows);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, pointer + "/" + index++, rows);
                }
                break;
            case JsonValueKind.String:
                rows.Add(new PassportField(pointer, element.GetString()!));
                break;
            default:
                rows.Add(new PassportField(pointer, element.GetRawText()));
                break;
        }
    }
}
