using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace CircularPartners.DataSpace.Tests.Support;

/// <summary>
/// Helm values as JSON, to validate them against a chart's values.schema.json as Helm does (there is
/// no Helm on the build machines): YAML read with the core schema's typing of plain scalars (true,
/// 12, null), quoted scalars kept as strings, and overrides merged over the defaults like `-f`.
/// </summary>
internal static partial class YamlValues
{
    public static JObject Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? [] : (JObject)Convert(stream.Documents[0].RootNode);
    }

    /// <summary>The defaults with <paramref name="overrides"/> merged over them (maps merged key by key, lists replaced).</summary>
    public static JObject Merge(JObject defaults, string overrides)
    {
        var merged = (JObject)defaults.DeepClone();
        merged.Merge(Parse(overrides), new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace });
        return merged;
    }

    private static JToken Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JObject(map.Children.Select(c => new JProperty(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode list => new JArray(list.Children.Select(Convert)),
        YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.Plain } quoted => new JValue(quoted.Value),
        YamlScalarNode plain => Plain(plain.Value ?? ""),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JValue Plain(string text) => text switch
    {
        "" or "~" or "null" => JValue.CreateNull(),
        "true" => new JValue(true),
        "false" => new JValue(false),
        _ when Integer().IsMatch(text) => new JValue(long.Parse(text, CultureInfo.InvariantCulture)),
        _ when Float().IsMatch(text) => new JValue(double.Parse(text, CultureInfo.InvariantCulture)),
        _ => new JValue(text),
    };

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
