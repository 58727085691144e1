using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>
/// The passport schemas under the schema directory, loaded once at start-up. A schema id is the
/// file's path below that directory without <c>.json</c>, e.g. <c>cmp/1.0</c>.
/// </summary>
public sealed partial class SchemaRegistry
{
    public const string CoreSchemaId = "core/1.0";
    private readonly Dictionary<string, PassportSchema> _schemas;

    private SchemaRegistry(Dictionary<string, PassportSchema> schemas) => _schemas = schemas;

    public IReadOnlyCollection<string> SchemaIds => _schemas.Keys;

    public static SchemaRegistry Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new SchemaLoadException($"Schema directory '{Path.GetFullPath(directory)}' does not exist (setting Passports:SchemaDirectory).");
        }
        var loaded = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories))
        {
            var id = Path.GetRelativePath(directory, file).Replace('\\', '/')[..^".json".Length];
            if (!SchemaIdPattern().IsMatch(id))
            {
                continue; // examples and other documents live beside the schemas
            }
            try
            {
                loaded[id] = JsonSchema.FromJsonAsync(File.ReadAllText(file), file).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
            {
                throw new SchemaLoadException($"Schema '{file}' failed to load: {ex.Message}", ex);
            }
        }
        if (!loaded.TryGetValue(CoreSchemaId, out var core))
        {
            throw new SchemaLoadException($"The DPP core schema '{CoreSchemaId}.json' is missing from '{Path.GetFullPath(directory)}'.");
        }
        var schemas = loaded.ToDictionary(
            pair => pair.Key,
            pair => new PassportSchema(pair.Key, UseCaseOf(pair.Key), pair.Value, pair.Key == CoreSchemaId ? null : core),
            StringComparer.Ordinal);
        return new SchemaRegistry(schemas);
    }

    public PassportSchema Get(string schemaId)
    {
        if (_schemas.TryGetValue(schemaId, out var schema))
        {
            return schema;
        }
        var message = $"Unknown schema '{schemaId}'. Known schemas: {string.Join(", ", _schemas.Keys.Order(StringComparer.Ordinal))}.";
        throw new Errors.PassportValidationException(message, [new Violation("schema_id", "unknown_schema", message)]);
    }

    /// <summary>Every violation of the core and the extension, each with its JSON Pointer.</summary>
    public static IReadOnlyList<Violation> Validate(PassportSchema schema, string json)
    {
        JToken token;
        using (var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = null })
        {
            token = JToken.ReadFrom(reader);
        }
        var violations = new List<Violation>();
        foreach (var layer in schema.Layers)
        {
            Flatten(layer.Validate(token, FastFormatValidators.Settings), violations);
        }
        return violations.DistinctBy(v => (v.Pointer, v.Kind)).ToList();
    }

    private static void Flatten(IEnumerable<ValidationError> errors, List<Violation> into)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                Flatten(child.Errors.SelectMany(e => e.Value), into);
                continue;
            }
            into.Add(ToViolation(error));
        }
    }

    private static Violation ToViolation(ValidationError error)
    {
        var pointer = PointerOf(error.Token);
        var kind = SnakeCase(error.Kind.ToString());
        if (error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed
            && error.Property is { } property && !pointer.EndsWith("/" + JsonPointer.Escape(property), StringComparison.Ordinal))
        {
            pointer += "/" + JsonPointer.Escape(property);
        }
        return new Violation(pointer, kind, Describe(error.Kind, error.Property));
    }

    private static string PointerOf(JToken? token)
    {
        var segments = new Stack<string>();
        for (var current = token; current?.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case JProperty property:
                    segments.Push(JsonPointer.Escape(property.Name));
                    break;
                case JArray array:
                    segments.Push(array.IndexOf(current).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }
        return segments.Count == 0 ? "" : "/" + string.Join('/', segments);
    }

    private static string Describe(ValidationErrorKind kind, string? property) => kind switch
    {
        ValidationErrorKind.PropertyRequired => $"Required property '{property}' is missing.",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => $"Property '{property}' is not allowed here.",
        ValidationErrorKind.PatternMismatch => "The value does not match the required pattern.",
        ValidationErrorKind.NumberTooBig => "The number is above the maximum.",
        ValidationErrorKind.NumberTooSmall => "The number is below the minimum.",
        ValidationErrorKind.NotInEnumeration => "The value is not one of the allowed values.",
        _ => $"Schema check '{SnakeCase(kind.ToString())}' failed.",
    };

    private static string SnakeCase(string name) => SnakeCaseBoundary().Replace(name, "$1_$2").ToLowerInvariant();

    private static string UseCaseOf(string schemaId) => schemaId[..schemaId.IndexOf('/', StringComparison.Ordinal)];

    [GeneratedRegex("^[a-z0-9-]+/[0-9]+\\.[0-9]+$")]
    private static partial Regex SchemaIdPattern();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SnakeCaseBoundary();
}
