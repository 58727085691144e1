using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>One data value of an EN 18223 document: its element path (e.g. <c>hasCarbonFootprintDeclaration/hasCarbonFootprintTotal/value</c>,
/// <c>hasMaterialComposition[2]/casNumber</c>, <c>productName@ja</c>), its JSON Pointer in the source, and the value.</summary>
internal sealed record En18223Value(string Path, string Pointer, JsonElement Value);

/// <summary>
/// Reads the openEPCIS expanded envelope: checks its shape (no JSON Schema of EN 18223 is
/// published, so the envelope rules are checked here: header fields, and every element with an
/// <c>elementId</c> and a known <c>objectType</c>) and flattens every element to its data values.
/// The envelope's own keys (<c>dictionaryReference</c>, <c>objectType</c>, <c>valueDataType</c>,
/// <c>reference</c>, <c>nodeTypes</c>, <c>language</c>) describe a value and are not data themselves.
/// </summary>
internal static class En18223Source
{
    private const int MaxDepth = 32;
    public static readonly string[] HeaderFields =
        ["digitalProductPassportId", "uniqueProductIdentifier", "granularity", "dppSchemaVersion", "dppStatus", "lastUpdated", "economicOperatorId", "contentSpecificationIds"];

    public static IReadOnlyList<En18223Value> Read(JsonElement root, List<string> notes)
    {
        var violations = new List<Violation>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new Violation("", "type", "An EN 18223 document is a JSON object."));
        }
        else
        {
            foreach (var required in new[] { "digitalProductPassportId", "elements" })
            {
                if (!root.TryGetProperty(required, out _))
                {
                    violations.Add(new Violation("/" + required, "required", $"An EN 18223 document needs '{required}'."));
                }
            }
        }
        var values = new List<En18223Value>();
        if (violations.Count == 0)
        {
            foreach (var property in root.EnumerateObject().Where(p => p.Name != "elements"))
            {
                if (property.Value.ValueKind == JsonValueKind.Array)
                {
                    values.AddRange(property.Value.EnumerateArray().Select((item, i) => new En18223Value($"{property.Name}[{i}]", $"/{property.Name}/{i}", item)));
                }
                else
                {
                    values.Add(new En18223Value(property.Name, "/" + property.Name, property.Value));
                }
            }
            Elements(root.GetProperty("elements"), "/elements", "", 0, values, violations);
        }
        if (violations.Count > 0)
        {
            throw new PassportValidationException($"The source is not an EN 18223 document ({violations.Count} problems).", violations);
        }
        notes.Add("EN 18223 publishes no JSON Schema; the openEPCIS envelope (header, elementId, objectType, value shapes) was checked instead.");
        return values;
    }

    private static void Elements(JsonElement elements, string pointer, string prefix, int depth, List<En18223Value> values, List<Violation> violations)
    {
        if (elements.ValueKind != JsonValueKind.Array || depth > MaxDepth)
        {
            violations.Add(new Violation(pointer, "type", "'elements' must be an array of elements."));
            return;
        }
        var index = 0;
        foreach (var element in elements.EnumerateArray())
        {
            var at = pointer + "/" + index++;
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("elementId", out var idNode) || idNode.GetString() is not { Length: > 0 } id
                || !element.TryGetProperty("objectType", out var typeNode))
            {
                violations.Add(new Violation(at, "required", "Every element needs an 'elementId' and an 'objectType'."));
                continue;
            }
            var path = prefix + id;
            switch (typeNode.GetString())
            {
                case "SingleValuedDataElement" when element.TryGetProperty("value", out var value):
                    values.Add(new En18223Value(path, at + "/value", value));
                    break;
                case "MultiLanguageDataElement" when element.TryGetProperty("value", out var texts) && texts.ValueKind == JsonValueKind.Array:
                    var t = 0;
                    foreach (var text in texts.EnumerateArray())
                    {
                        var language = text.TryGetProperty("language", out var l) ? l.GetString() : "und";
                        values.Add(new En18223Value(path + "@" + language, $"{at}/value/{t++}/value", text.TryGetProperty("value", out var v) ? v : default));
                    }
                    break;
                case "DataElementCollection":
                    Elements(element.TryGetProperty("elements", out var children) ? children : default, at + "/elements", path + "/", depth + 1, values, violations);
                    break;
                case "MultiValuedDataElement" when element.TryGetProperty("value", out var rows) && rows.ValueKind == JsonValueKind.Array:
                    var r = 0;
                    foreach (var row in rows.EnumerateArray())
                    {
                        Elements(row, $"{at}/value/{r}", $"{path}[{r}]/", depth + 1, values, violations);
                        r++;
                    }
                    break;
                default:
                    violations.Add(new Violation(at, "object_type", $"Element '{id}' has an unknown objectType or no value."));
                    break;
            }
        }
    }
}
