using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// A UNTP credential being imported: reads values by JSON Pointer and remembers every leaf it
/// mapped or dropped, so that <see cref="DropRest"/> can report each remaining leaf with a reason and
/// the report covers every value of the source.
/// </summary>
internal sealed class UntpReader(JsonElement root, BodyWriter writer)
{
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);

    public BodyWriter Writer => writer;

    public JsonElement? Element(string pointer) => JsonPointer.Resolve(root, pointer);

    public string? String(string pointer) => Element(pointer) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    public double? Number(string pointer) => Element(pointer) is { ValueKind: JsonValueKind.Number } e ? e.GetDouble() : null;

    /// <summary>Maps <paramref name="source"/> to <paramref name="target"/>; one source value may land in two fields (a Digital Link is the passport id and the product's link).</summary>
    public void Map(string source, string target, JsonNode? value)
    {
        _handled.Add(source);
        writer.Map(source, target, value);
    }

    /// <summary>Maps the string at <paramref name="source"/> when there is one.</summary>
    public void MapString(string source, string target)
    {
        if (String(source) is { } value)
        {
            Map(source, target, value);
        }
    }

    /// <summary>Drops every leaf at or under <paramref name="pointer"/> not yet mapped or dropped.</summary>
    public void Drop(string pointer, string reason)
    {
        if (Element(pointer) is not { } element)
        {
            return;
        }
        foreach (var leaf in Leaves(element, pointer))
        {
            if (_handled.Add(leaf))
            {
                writer.Drop(leaf, reason);
            }
        }
    }

    /// <summary>Drops every leaf not yet handled, with the reason <paramref name="reasonFor"/> gives for its pointer.</summary>
    public void DropRest(Func<string, string> reasonFor)
    {
        foreach (var leaf in Leaves(root, ""))
        {
            if (_handled.Add(leaf))
            {
                writer.Drop(leaf, reasonFor(leaf));
            }
        }
    }

    /// <summary>The leaves under <paramref name="element"/>, with their pointers (an empty object or array is no leaf).</summary>
    public static IEnumerable<(string Pointer, JsonElement Value)> LeafValues(JsonElement element, string pointer) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => LeafValues(p.Value, pointer + "/" + JsonPointer.Escape(p.Name))),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((item, i) => LeafValues(item, pointer + "/" + i)),
        _ => [(pointer, element)],
    };

    private static IEnumerable<string> Leaves(JsonElement element, string pointer) => LeafValues(element, pointer).Select(l => l.Pointer);
}
