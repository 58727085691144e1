using System.Globalization;
using System.Text.Json;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// One data value of a plain JSON source: its path with rows generalised (<c>materials/other[]/id</c>),
/// the row numbers in order, its JSON Pointer and the value. Importers of plain JSON aspects walk
/// every leaf, so each one is mapped or dropped and none is lost silently.
/// </summary>
internal sealed record SourceLeaf(string Path, IReadOnlyList<int> Rows, string Pointer, JsonElement Value)
{
    /// <summary>Row <paramref name="i"/> of the leaf's path (0 when it has fewer rows).</summary>
    public int Row(int i) => i < Rows.Count ? Rows[i] : 0;

    public string? Text => Value.ValueKind switch
    {
        JsonValueKind.String => Value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Value.GetRawText(),
        _ => null,
    };

    public double? Number => Value.ValueKind switch
    {
        JsonValueKind.Number => Value.GetDouble(),
        JsonValueKind.String when double.TryParse(Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>Every leaf (string, number, boolean, null; an empty object or array too) of <paramref name="root"/>.</summary>
    public static List<SourceLeaf> Walk(JsonElement root)
    {
        var leaves = new List<SourceLeaf>();
        Walk(root, "", "", [], leaves);
        return leaves;
    }

    private static void Walk(JsonElement node, string path, string pointer, List<int> rows, List<SourceLeaf> into)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object when node.EnumerateObject().Any():
                foreach (var property in node.EnumerateObject())
                {
                    var escaped = JsonPointer.Escape(property.Name);
                    Walk(property.Value, path.Length == 0 ? property.Name : path + "/" + property.Name, pointer + "/" + escaped, rows, into);
                }
                break;
            case JsonValueKind.Array when node.GetArrayLength() > 0:
                var index = 0;
                foreach (var item in node.EnumerateArray())
                {
                    Walk(item, path + "[]", pointer + "/" + index, [.. rows, index], into);
                    index++;
                }
                break;
            default:
                into.Add(new SourceLeaf(path, rows, pointer, node));
                break;
        }
    }
}
