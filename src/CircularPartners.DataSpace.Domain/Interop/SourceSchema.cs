using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// An upstream format's own published JSON Schema (embedded from <c>schemas/sources/</c>), checked
/// before anything is mapped: a source that violates it is refused with every violation at its
/// JSON Pointer. SAMM-generated schemas keep their subschemas under <c>#/components/schemas</c>;
/// they are moved to <c>#/definitions</c> on load, the one reference form NJsonSchema resolves
/// reliably (see schemas/sources/README.md), which changes no rule.
/// </summary>
internal static class SourceSchema
{
    private const string Components = "#/components/schemas/";
    private const string Defs = "#/$defs/";
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Loaded = new(StringComparer.Ordinal);

    /// <summary>Checks <paramref name="json"/> against the embedded schema <paramref name="file"/> (e.g. <c>bp-gpi-schema.json</c>).</summary>
    /// <exception cref="PassportValidationException">The source violates its own schema.</exception>
    public static void Check(string file, string json, string formatName)
    {
        JToken token;
        using (var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 })
        {
            token = JToken.ReadFrom(reader);
        }
        var violations = new List<Violation>();
        SchemaRegistry.Flatten(Schema(file).Validate(token, FastFormatValidators.Settings), violations);
        if (violations.Count > 0)
        {
            throw new PassportValidationException(
                $"The source violates the published {formatName} schema in {violations.Count} place(s).", violations.DistinctBy(v => (v.Pointer, v.Kind)).ToList());
        }
    }

    private static JsonSchema Schema(string file) => Loaded.GetOrAdd(file, name => new Lazy<JsonSchema>(() => Load(name))).Value;

    private static JsonSchema Load(string file)
    {
        using var stream = typeof(SourceSchema).Assembly.GetManifestResourceStream("sources/" + file)
            ?? throw new InvalidOperationException($"The source schema '{file}' is not embedded in the domain assembly.");
        var root = JsonNode.Parse(stream)!.AsObject();
        if (root["components"]?["schemas"] is JsonObject definitions)
        {
            definitions.Parent!.AsObject().Remove("schemas");
            root.Remove("components");
            root["definitions"] = definitions;
            Rewrite(root, Components);
        }
        else if (root["$defs"] is JsonObject defs)
        {
            // Draft 2020-12 (UNTP): $defs moved the same way.
            root.Remove("$defs");
            root["definitions"] = defs;
            Rewrite(root, Defs);
        }
        return JsonSchema.FromJsonAsync(root.ToJsonString()).GetAwaiter().GetResult();
    }

    private static void Rewrite(JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith(prefix, StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/definitions/" + target[prefix.Length..];
                }
                foreach (var (_, value) in obj.ToList())
                {
                    Rewrite(value, prefix);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Rewrite(item, prefix);
                }
                break;
        }
    }
}
