using System.Text.Json;
using CircularPartners.DataSpace.Domain.Validation;
using System.Text.Json.Nodes;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// A passport body read by an exporter: every value taken is remembered by its JSON Pointer, so
/// the leaves the target format has no place for can be listed (<see cref="Unmapped"/>) instead of
/// being dropped silently.
/// </summary>
internal sealed class ExportSource(JsonElement body)
{
    private const int MaxDepth = 64;
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>The scalar at <paramref name="pointer"/> (e.g. <c>/battery/massKg</c>) as a JSON node, taken; null when absent.</summary>
    public JsonNode? Value(string pointer)
    {
        if (Find(pointer) is not { } found || found.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null)
        {
            return null;
        }
        _taken.Add(pointer);
        return JsonNode.Parse(found.GetRawText());
    }

    public string? String(string pointer)
    {
        if (Find(pointer) is not { ValueKind: JsonValueKind.String } found)
        {
            return null;
        }
        _taken.Add(pointer);
        return found.GetString();
    }

    /// <summary>The pointers of the items of the array at <paramref name="pointer"/> (empty when absent).</summary>
    public IReadOnlyList<string> Items(string pointer) =>
        Find(pointer) is { ValueKind: JsonValueKind.Array } array ? [.. Enumerable.Range(0, array.GetArrayLength()).Select(i => pointer + "/" + i)] : [];

    public bool Has(string pointer) => Find(pointer) is not null;

    /// <summary>Every leaf of the body not taken, as JSON Pointers, in document order.</summary>
    public IReadOnlyList<string> Unmapped() => [.. Leaves().Where(pointer => !_taken.Contains(pointer))];

    /// <summary>Every leaf of the body (taken or not), as JSON Pointers, in document order.</summary>
    public IReadOnlyList<string> Leaves()
    {
        var leaves = new List<string>();
        Collect(body, "", 0, leaves);
        return leaves;
    }

    /// <summary>The value at <paramref name="pointer"/> as a JSON node, without taking it; null when absent.</summary>
    public JsonNode? Peek(string pointer) => Find(pointer) is { } found ? JsonNode.Parse(found.GetRawText()) : null;

    private JsonElement? Find(string pointer) => JsonPointer.Resolve(body, pointer);

    private static void Collect(JsonElement element, string pointer, int depth, List<string> leaves)
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
                    Collect(property.Value, pointer + "/" + JsonPointer.Escape(property.Name), depth + 1, leaves);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, pointer + "/" + index++, depth + 1, leaves);
                }
                break;
            default:
                leaves.Add(pointer);
                break;
        }
    }
}
