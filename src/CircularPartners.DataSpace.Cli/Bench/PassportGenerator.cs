using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CircularPartners.DataSpace.Cli.Bench;

/// <summary>One generated document, ready to send: its id, schema and UTF-8 JSON body.</summary>
internal sealed record GeneratedPassport(string PassportId, string SchemaId, byte[] Json);

/// <summary>
/// Realistic passports for load: the shipped example of each use case (about 3 KB compact) with
/// a fresh id, a numbered product name and a substance drawn from the CAS numbers the examples
/// use, so queries by CAS match a predictable share. <c>cmp-large</c> is a CMP article with 300
/// substances (about 60 KB), the heavy end of chemSHERPA declarations.
/// </summary>
internal sealed class PassportGenerator
{
    public const string Mixed = "mixed";
    public const string LargeCmp = "cmp-large";
    public static readonly string[] UseCases = ["cmp", "textile", "construction", "office-equipment", "battery"];
    public static readonly string[] Choices = [Mixed, .. UseCases, LargeCmp];

    private const int LargeCmpSubstances = 300;
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<string, JsonObject> _templates;
    private readonly string[] _casPool;

    private PassportGenerator(Dictionary<string, JsonObject> templates)
    {
        _templates = templates;
        _casPool = [.. templates.Values.SelectMany(CasNumbersIn).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The CAS numbers generated documents draw from (for <c>bench query --cas</c>).</summary>
    public IReadOnlyList<string> CasPool => _casPool;

    public static PassportGenerator Load(string schemaDirectory)
    {
        var templates = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var useCase in UseCases)
        {
            var path = Path.Combine(schemaDirectory, "examples", useCase + ".json");
            if (!File.Exists(path))
            {
                throw new CliUsageException($"example passport {path} is missing; the generator uses it as a template.");
            }

            templates[useCase] = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        }

        templates[LargeCmp] = WithSubstances(templates["cmp"], LargeCmpSubstances);
        return new PassportGenerator(templates);
    }

    /// <summary><paramref name="count"/> documents; <c>mixed</c> cycles through the five use cases.</summary>
    public IReadOnlyList<GeneratedPassport> Generate(string useCase, int count)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var documents = new GeneratedPassport[count];
        for (var i = 0; i < count; i++)
        {
            var kind = useCase == Mixed ? UseCases[i % UseCases.Length] : useCase;
            documents[i] = Create(kind, run, i);
        }

        return documents;
    }

    private GeneratedPassport Create(string kind, string run, int index)
    {
        var body = _templates[kind].DeepClone().AsObject();
        // Unique per run and per document, so repeated runs against one store never collide.
        var passportId = $"urn:uuid:{run}-{index / 65536 % 65536:x4}-4{index % 4096:x3}-8000-{Guid.NewGuid().ToString("N")[..12]}";
        body["passportId"] = passportId;
        if (body["product"] is JsonObject product && product["name"] is JsonValue name)
        {
            product["name"] = $"{name.GetValue<string>()} #{index}";
        }

        if (FirstSubstance(body) is { } substance && _casPool.Length > 0)
        {
            substance["casNumber"] = _casPool[index % _casPool.Length];
        }

        var schemaId = (kind == LargeCmp ? "cmp" : kind) + "/1.0";
        return new GeneratedPassport(passportId, schemaId, JsonSerializer.SerializeToUtf8Bytes(body, Compact));
    }

    private static JsonObject WithSubstances(JsonObject cmp, int substances)
    {
        var body = cmp.DeepClone().AsObject();
        var material = body["cmp"]!["article"]!["parts"]![0]!["materials"]![0]!;
        var template = material["substances"]![0]!;
        var list = new JsonArray();
        for (var i = 0; i < substances; i++)
        {
            var substance = template.DeepClone();
            substance["substanceName"] = $"Substance {i}";
            list.Add(substance);
        }

        material["substances"] = list;
        return body;
    }

    private static JsonObject? FirstSubstance(JsonNode? node) => node switch
    {
        JsonObject obj when obj.ContainsKey("casNumber") => obj,
        JsonObject obj => obj.Select(pair => FirstSubstance(pair.Value)).FirstOrDefault(found => found is not null),
        JsonArray array => array.Select(FirstSubstance).FirstOrDefault(found => found is not null),
        _ => null,
    };

    private static IEnumerable<string> CasNumbersIn(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => pair.Key == "casNumber" && pair.Value is JsonValue value
            ? [value.GetValue<string>()]
            : CasNumbersIn(pair.Value)),
        JsonArray array => array.SelectMany(CasNumbersIn),
        _ => [],
    };
}
