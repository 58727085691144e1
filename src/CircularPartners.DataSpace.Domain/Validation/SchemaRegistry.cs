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
    public const string UnknownSectionKind = "unknown_section";
    private readonly Dictionary<string, PassportSchema> _schemas;
    // Per generation (major version): each extension's top-level section → the newest extension
    // of that generation carrying it, so a section in another use case's passport is still checked.
    private readonly Dictionary<(int Major, string Section), PassportSchema> _sections;

    private SchemaRegistry(Dictionary<string, PassportSchema> schemas)
    {
        _schemas = schemas;
        _sections = [];
        foreach (var schema in schemas.Values.Where(s => s.Core is not null).OrderBy(s => MinorOf(s.Id)))
        {
            foreach (var section in schema.Schema.ActualProperties.Keys)
            {
                _sections[(MajorOf(schema.Id), section)] = schema;
            }
        }
    }

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
        if (!loaded.ContainsKey(CoreSchemaId))
        {
            throw new SchemaLoadException($"The DPP core schema '{CoreSchemaId}.json' is missing from '{Path.GetFullPath(directory)}'.");
        }
        var schemas = loaded.ToDictionary(
            pair => pair.Key,
            pair => new PassportSchema(pair.Key, UseCaseOf(pair.Key), pair.Value, UseCaseOf(pair.Key) == "core" ? null : CoreFor(pair.Key, loaded, directory)),
            StringComparer.Ordinal);
        return new SchemaRegistry(schemas);
    }

    /// <summary>An extension of version N.x is validated with the newest core of generation N (cmp/2.0 with core/2.0).</summary>
    private static JsonSchema CoreFor(string schemaId, Dictionary<string, JsonSchema> loaded, string directory)
    {
        var major = MajorOf(schemaId);
        var core = loaded.Keys.Where(id => UseCaseOf(id) == "core" && MajorOf(id) == major).MaxBy(MinorOf);
        return core is not null ? loaded[core]
            : throw new SchemaLoadException($"Schema '{schemaId}' needs a DPP core of generation {major} (core/{major}.0.json), which is missing from '{Path.GetFullPath(directory)}'.");
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

    /// <summary>
    /// Every violation of the core and the extension, each with its JSON Pointer. The document is
    /// closed: a top-level section of another use case is checked against that use case's schema
    /// of the same generation, and one no schema knows is a violation at its pointer.
    /// </summary>
    public IReadOnlyList<Violation> Validate(PassportSchema schema, string json, bool keepUnknownSections = false)
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
        if (token is JObject body)
        {
            CheckSections(schema, body, keepUnknownSections, violations);
        }
        return violations.DistinctBy(v => (v.Pointer, v.Kind)).ToList();
    }

    /// <summary>Whether a top-level property of a body under <paramref name="schema"/> is one some schema of its generation describes.</summary>
    public bool IsKnownSection(PassportSchema schema, string name) =>
        (schema.Core ?? schema.Schema).ActualProperties.ContainsKey(name) || schema.Schema.ActualProperties.ContainsKey(name)
        || _sections.ContainsKey((MajorOf(schema.Id), name));

    private void CheckSections(PassportSchema schema, JObject body, bool keepUnknownSections, List<Violation> violations)
    {
        var core = schema.Core ?? schema.Schema;
        var major = MajorOf(schema.Id);
        foreach (var property in body.Properties())
        {
            var name = property.Name;
            if (core.ActualProperties.ContainsKey(name) || schema.Core is not null && schema.Schema.ActualProperties.ContainsKey(name))
            {
                continue;
            }
            if (_sections.TryGetValue((major, name), out var other))
            {
                Flatten(other.Schema.Validate(new JObject(new JProperty(name, property.Value.DeepClone())), FastFormatValidators.Settings), violations);
                continue;
            }
            if (keepUnknownSections)
            {
                continue;
            }
            violations.Add(new Violation("/" + JsonPointer.Escape(name), UnknownSectionKind,
                $"No schema of generation {major} knows the top-level section '{name}'. Known sections: {string.Join(", ", KnownSections(major))}."));
        }
    }

    private IEnumerable<string> KnownSections(int major) =>
        _sections.Keys.Where(k => k.Major == major).Select(k => k.Section).Order(StringComparer.Ordinal);

    internal static void Flatten(IEnumerable<ValidationError> errors, List<Violation> into)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError { Kind: ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf } alternatives && alternatives.Errors.Count > 0)
            {
                // Of alternatives (an identifier's schemes), the one the value comes closest to is the one
                // meant: its errors say what is wrong; every other branch would only add noise.
                var branches = alternatives.Errors.Values.Select(errors => { var leaves = new List<Violation>(); Flatten(errors, leaves); return leaves; });
                into.AddRange(branches.Where(b => b.Count > 0).MinBy(b => b.Count) ?? []);
                continue;
            }
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
        if (error.Kind == ValidationErrorKind.Unknown && CheckDigitFormats.IsCheckDigitFormat(error.Schema?.Format))
        {
            return new Violation(pointer, CheckDigitFormats.ViolationKind, $"The value is not a valid {error.Schema!.Format} (its check digit does not match).");
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

    private static int MajorOf(string schemaId) => VersionOf(schemaId).Major;

    private static int MinorOf(string schemaId) => VersionOf(schemaId).Minor;

    // The id has passed SchemaIdPattern: "name/major.minor" in digits.
    private static (int Major, int Minor) VersionOf(string schemaId)
    {
        var version = schemaId[(schemaId.IndexOf('/', StringComparison.Ordinal) + 1)..].Split('.');
        return (int.Parse(version[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(version[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("^[a-z0-9-]+/[0-9]+\\.[0-9]+$")]
    private static partial Regex SchemaIdPattern();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SnakeCaseBoundary();
}
