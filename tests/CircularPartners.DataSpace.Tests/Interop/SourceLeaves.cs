using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Contracts.V1;

namespace CircularPartners.DataSpace.Tests.Interop;

/// <summary>The data values of a plain JSON source, walked independently of the importers, to hold the mapping report against.</summary>
internal static class SourceLeaves
{
    /// <summary>Every leaf of <paramref name="source"/> is in the report, mapped or dropped (with a reason), and the report names nothing the source lacks.</summary>
    public static void AssertEveryLeafReported(byte[] source, PassportImportReport report)
    {
        var leaves = Pointers(JsonNode.Parse(source), "").ToList();
        var reported = report.Mapped.Select(m => m.Source).Concat(report.Dropped.Select(d => d.Source)).ToHashSet(StringComparer.Ordinal);

        Assert.True(leaves.Count > 10, $"only {leaves.Count} leaves walked");
        var silent = leaves.Where(l => !reported.Contains(l)).ToList();
        Assert.True(silent.Count == 0, "not in the report: " + string.Join(", ", silent));
        var invented = reported.Where(r => !r.StartsWith("supplied:", StringComparison.Ordinal) && !leaves.Contains(r)).ToList();
        Assert.True(invented.Count == 0, "reported but not in the source: " + string.Join(", ", invented));
        Assert.All(report.Dropped, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        // A value is either mapped or dropped, never both: the report cannot disagree with itself.
        var mapped = report.Mapped.Select(m => m.Source).ToHashSet(StringComparer.Ordinal);
        var both = report.Dropped.Where(d => mapped.Contains(d.Source)).Select(d => $"{d.Source}: {d.Reason}").ToList();
        Assert.True(both.Count == 0, "mapped and dropped: " + string.Join("; ", both));
    }

    /// <summary><paramref name="source"/> with the value at <paramref name="pointer"/> replaced (or removed when <paramref name="value"/> is null).</summary>
    public static byte[] Replace(byte[] source, string pointer, JsonNode? value)
    {
        var root = JsonNode.Parse(source)!;
        var tokens = pointer.Split('/').Skip(1).ToArray();
        var parent = tokens[..^1].Aggregate(root, (node, token) => node is JsonArray array ? array[int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)]! : node[token]!);
        if (parent is JsonArray list)
        {
            list[int.Parse(tokens[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else if (value is null)
        {
            parent.AsObject().Remove(tokens[^1]);
        }
        else
        {
            parent[tokens[^1]] = value;
        }
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static IEnumerable<string> Pointers(JsonNode? node, string pointer) => node switch
    {
        JsonObject o when o.Count > 0 => o.SelectMany(p => Pointers(p.Value, pointer + "/" + p.Key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))),
        JsonArray a when a.Count > 0 => a.SelectMany((item, i) => Pointers(item, pointer + "/" + i)),
        _ => [pointer],
    };
}
