using System.Text.Json;
using System.Text.Json.Nodes;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// Maps a plain JSON source leaf by leaf: each leaf goes to <see cref="Handle"/>, and one it does
/// not take is dropped with <see cref="Unmapped"/>'s reason, so no value is lost silently. The
/// helpers check a value as the target schema would before setting it, and drop it with the
/// reason otherwise.
/// </summary>
internal abstract class LeafMapping
{
    private readonly Dictionary<string, SourceLeaf> _byPointer;
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private readonly List<(SourceLeaf Leaf, string Reason)> _deferred = [];

    protected LeafMapping(JsonElement root)
    {
        Leaves = SourceLeaf.Walk(root);
        _byPointer = Leaves.ToDictionary(l => l.Pointer, StringComparer.Ordinal);
    }

    internal BodyWriter Writer { get; } = new();

    protected IReadOnlyList<SourceLeaf> Leaves { get; }

    /// <summary>Maps every leaf, then lets the subclass complete what depends on several of them.</summary>
    public BodyWriter Run()
    {
        foreach (var leaf in Leaves)
        {
            if (!Handle(leaf))
            {
                Writer.Drop(leaf.Pointer, Unmapped(leaf));
            }
        }
        Complete();
        foreach (var (leaf, reason) in _deferred.Where(d => !Writer.Mapped.Any(m => m.Source == d.Leaf.Pointer) && !Writer.Dropped.Any(x => x.Source == d.Leaf.Pointer)))
        {
            Writer.Drop(leaf.Pointer, reason);
        }
        return Writer;
    }

    /// <summary>Maps or drops <paramref name="leaf"/>; false leaves it to the generic drop.</summary>
    protected abstract bool Handle(SourceLeaf leaf);

    protected abstract string Unmapped(SourceLeaf leaf);

    protected virtual void Complete()
    {
    }

    /// <summary>The leaf <paramref name="relative"/> (e.g. <c>unit</c>, <c>../type</c>) next to <paramref name="leaf"/>, if the source has it.</summary>
    internal SourceLeaf? Sibling(SourceLeaf leaf, string relative)
    {
        var at = leaf.Pointer[..leaf.Pointer.LastIndexOf('/')];
        while (relative.StartsWith("../", StringComparison.Ordinal))
        {
            at = at[..at.LastIndexOf('/')];
            relative = relative[3..];
        }
        return _byPointer.GetValueOrDefault(at + "/" + relative);
    }

    /// <summary>The leaf at an absolute source pointer.</summary>
    internal SourceLeaf? At(string pointer) => _byPointer.GetValueOrDefault(pointer);

    /// <summary>
    /// A stable row index in a target array for one source row (e.g. each hazardous substance),
    /// allocated in the order rows are first met, so several source arrays can fill one target array.
    /// </summary>
    internal int RowFor(string targetArray, string sourceRow)
    {
        var key = targetArray + "\n" + sourceRow;
        if (!_rows.TryGetValue(key, out var row))
        {
            row = _rows.Keys.Count(k => k.StartsWith(targetArray + "\n", StringComparison.Ordinal));
            _rows[key] = row;
        }
        return row;
    }

    internal bool Text(SourceLeaf leaf, string target)
    {
        if (leaf.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(leaf.Value.GetString()))
        {
            Writer.Drop(leaf.Pointer, $"{target} needs a non-empty text");
            return true;
        }
        Writer.Map(leaf.Pointer, target, leaf.Value.GetString());
        return true;
    }

    /// <summary>A number within [<paramref name="min"/>, <paramref name="max"/>] (the target's bounds), optionally converted first.</summary>
    internal bool Number(SourceLeaf leaf, string target, double min = 0, double max = double.MaxValue, Func<double, double?>? convert = null, bool integer = false)
    {
        var value = leaf.Value.ValueKind == JsonValueKind.Number ? leaf.Value.GetDouble() : (double?)null;
        if (value is { } v && convert is not null)
        {
            value = convert(v);
        }
        if (value is not { } number || number < min || number > max || integer && number != Math.Floor(number))
        {
            Writer.Drop(leaf.Pointer, value is null ? $"not a number in the unit of {target}" : $"{value} is outside what {target} admits ({min} to {(max == double.MaxValue ? "any" : max)}{(integer ? ", whole" : "")})");
            return true;
        }
        Writer.Map(leaf.Pointer, target, integer ? JsonValue.Create((long)number) : JsonValue.Create(number));
        return true;
    }

    internal bool Percent(SourceLeaf leaf, string target) => Number(leaf, target, 0, 100);

    /// <summary>A value kept only when <paramref name="valid"/>; else dropped with <paramref name="why"/>.</summary>
    internal bool Checked(SourceLeaf leaf, string target, Func<string?, bool> valid, string why, Func<string, string>? convert = null)
    {
        var text = leaf.Value.ValueKind == JsonValueKind.String ? leaf.Value.GetString() : null;
        if (!valid(text))
        {
            Writer.Drop(leaf.Pointer, $"'{leaf.Text}' {why}, which {target} needs");
            return true;
        }
        Writer.Map(leaf.Pointer, target, convert is null ? text : convert(text!));
        return true;
    }

    /// <summary>
    /// A leaf that qualifies another (a unit, a type) and is reported with it when that one maps;
    /// if it is still unreported at the end, it is dropped with <paramref name="reason"/>.
    /// </summary>
    internal bool Defer(SourceLeaf leaf, string reason)
    {
        _deferred.Add((leaf, reason));
        return true;
    }

    internal bool Drop(SourceLeaf leaf, string reason)
    {
        Writer.Drop(leaf.Pointer, reason);
        return true;
    }
}
