using System.Text.Json.Nodes;

namespace CircularPartners.DataSpace.Benchmarks;

/// <summary>The shipped example passports, found from the benchmark's own location.</summary>
internal static class Samples
{
    public static string SchemaDirectory { get; } = FindSchemas();

    public static string Example(string useCase) => File.ReadAllText(Path.Combine(SchemaDirectory, "examples", useCase + ".json"));

    /// <summary>A CMP article with <paramref name="substances"/> substances spread over its parts.</summary>
    public static string LargeCmp(int substances)
    {
        var body = JsonNode.Parse(Example("cmp"))!;
        var template = body["cmp"]!["article"]!["parts"]![0]!["materials"]![0]!["substances"]![0]!.DeepClone();
        var list = new JsonArray();
        for (var i = 0; i < substances; i++)
        {
            var substance = template.DeepClone();
            substance["substanceName"] = $"Substance {i}";
            list.Add(substance);
        }
        body["cmp"]!["article"]!["parts"]![0]!["materials"]![0]!["substances"] = list;
        return body.ToJsonString();
    }

    private static string FindSchemas()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "schemas");
            if (File.Exists(Path.Combine(candidate, "core", "1.0.json")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("schemas/ not found above " + AppContext.BaseDirectory);
    }
}
