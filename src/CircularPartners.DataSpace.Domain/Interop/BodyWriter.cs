using System.Text.Json.Nodes;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// Builds the imported passport body and its mapping report together: every value set is recorded
/// with its source pointer, every value dropped with its reason, so the report cannot disagree with
/// the body.
/// </summary>
internal sealed class BodyWriter
{
    private readonly List<FieldMapping> _mapped = [];
    private readonly List<DroppedField> _dropped = [];

    public JsonObject Body { get; } = [];

    public IReadOnlyList<FieldMapping> Mapped => _mapped;

    public IReadOnlyList<DroppedField> Dropped => _dropped;

    /// <summary>Sets <paramref name="target"/> (creating objects and arrays on the way) unless it is already set; a second source for it is dropped as a duplicate.</summary>
    public void Map(string source, string target, JsonNode? value)
    {
        if (value is null)
        {
            Drop(source, "empty value");
            return;
        }
        if (Get(target) is not null)
        {
            Drop(source, $"{target} is already set from another source field");
            return;
        }
        Set(target, value);
        _mapped.Add(new FieldMapping(source, target));
    }

    public void Drop(string source, string reason) => _dropped.Add(new DroppedField(source, reason));

    /// <summary>Sets <paramref name="target"/> from several source fields at once (e.g. a street and its house number joined), each reported as mapped to it.</summary>
    public void MapCombined(IReadOnlyList<string> sources, string target, JsonNode value)
    {
        var alreadySet = Get(target) is not null;
        Map(sources[0], target, value);
        foreach (var source in sources.Skip(1))
        {
            if (alreadySet)
            {
                Drop(source, $"{target} is already set from another source field");
            }
            else
            {
                MapAlso(source, target);
            }
        }
    }

    /// <summary>Records <paramref name="source"/> as a further source of the value at <paramref name="target"/> (e.g. the authority half of a list id built from two attributes); dropped when nothing was set there.</summary>
    public void MapAlso(string source, string target)
    {
        if (Get(target) is null)
        {
            Drop(source, $"{target} was not set");
            return;
        }
        _mapped.Add(new FieldMapping(source, target));
    }

    /// <summary>
    /// Removes the items of the array at <paramref name="array"/> that <paramref name="incomplete"/>
    /// rejects (e.g. a row lacking a field the target schema requires): their mappings move to the
    /// dropped list with <paramref name="reason"/>, later rows' targets are renumbered, and an array
    /// left empty is removed with its parent when that empties too.
    /// </summary>
    public void RemoveRows(string array, Func<JsonNode?, bool> incomplete, string reason)
    {
        if (Get(array) is not JsonArray rows)
        {
            return;
        }
        var removed = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var from = $"{array}/{i + removed}/";
            if (incomplete(rows[i]))
            {
                _dropped.AddRange(_mapped.Where(m => m.Target.StartsWith(from, StringComparison.Ordinal)).Select(m => new DroppedField(m.Source, reason)));
                _mapped.RemoveAll(m => m.Target.StartsWith(from, StringComparison.Ordinal));
                rows.RemoveAt(i--);
                removed++;
                continue;
            }
            var to = $"{array}/{i}/";
            for (var m = 0; m < _mapped.Count; m++)
            {
                if (removed > 0 && _mapped[m].Target.StartsWith(from, StringComparison.Ordinal))
                {
                    _mapped[m] = _mapped[m] with { Target = to + _mapped[m].Target[from.Length..] };
                }
            }
        }
        if (rows.Count == 0 && rows.Parent is JsonObject parent)
        {
            parent.Remove(array[(array.LastIndexOf('/') + 1)..]);
            if (parent.Count == 0 && parent.Parent is JsonObject grandParent)
            {
                grandParent.Remove(parent.GetPropertyName());
            }
        }
    }

    public JsonNode? Get(string target)
    {
        JsonNode? current = Body;
        foreach (var token in target.Split('/').Skip(1))
        {
            current = current switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }

    private void Set(string target, JsonNode value)
    {
        var tokens = target.Split('/').Skip(1).ToArray();
        JsonNode current = Body;
        for (var i = 0; i < tokens.Length; i++)
        {
            var last = i == tokens.Length - 1;
            var nextIsIndex = !last && int.TryParse(tokens[i + 1], out _);
            JsonNode Make() => last ? value : nextIsIndex ? new JsonArray() : new JsonObject();
            if (current is JsonArray array)
            {
                var index = int.Parse(tokens[i], System.Globalization.CultureInfo.InvariantCulture);
                while (array.Count <= index)
                {
                    array.Add(null);
                }
                current = array[index] ??= Make();
            }
            else
            {
                var obj = (JsonObject)current;
                current = obj[tokens[i]] ??= Make();
            }
        }
    }
}
