using System.Text.Json.Nodes;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The element shapes of an EN 18223 (openEPCIS) passport: single values, multi-language texts,
/// quantities, collections and repeated collections. A builder returns null when it has no value,
/// so an absent field leaves no empty element behind.
/// </summary>
internal static class En18223Elements
{
    public const string Battery = "https://ref.openepcis.io/extensions/eu/battery/";
    public const string Core = "https://ref.openepcis.io/extensions/common/core/";
    public const string Gs1 = "https://ref.gs1.org/voc/";
    public const string SchemaOrg = "https://schema.org/";

    public static JsonObject? Single(string id, string vocabulary, string dataType, JsonNode? value) => value is null ? null : new JsonObject
    {
        ["elementId"] = id,
        ["dictionaryReference"] = vocabulary + id,
        ["objectType"] = "SingleValuedDataElement",
        ["valueDataType"] = dataType,
        ["value"] = value,
    };

    /// <summary>A URI naming a vocabulary term (<c>reference: true</c>), e.g. a battery category.</summary>
    public static JsonObject? Reference(string id, string vocabulary, string? uri) => uri is null ? null : new JsonObject
    {
        ["elementId"] = id,
        ["dictionaryReference"] = vocabulary + id,
        ["objectType"] = "SingleValuedDataElement",
        ["valueDataType"] = "xsd:anyURI",
        ["reference"] = true,
        ["value"] = uri,
    };

    public static JsonObject? Text(string id, string vocabulary, params (string? Text, string Language)[] texts)
    {
        var values = texts.Where(t => t.Text is not null)
            .Select(t => (JsonNode)new JsonObject { ["value"] = t.Text, ["language"] = t.Language }).ToArray();
        return values.Length == 0 ? null : new JsonObject
        {
            ["elementId"] = id,
            ["dictionaryReference"] = vocabulary + id,
            ["objectType"] = "MultiLanguageDataElement",
            ["value"] = new JsonArray(values),
        };
    }

    /// <summary>A QuantitativeValue: value with a UN/CEFACT unit code (KGM, KWH, AMH, VLT, OHM, WTT).</summary>
    public static JsonObject? Quantity(string id, string vocabulary, JsonNode? value, string unitCode) => value is null ? null
        : Collection(id, vocabulary, Gs1 + "QuantitativeValue",
            Single("unitCode", Gs1, "xsd:string", unitCode), Single("value", Gs1, "xsd:decimal", value));

    public static JsonObject? Collection(string id, string vocabulary, string? nodeType, params JsonObject?[] elements)
    {
        var present = elements.Where(e => e is not null).Cast<JsonNode>().ToArray();
        if (present.Length == 0)
        {
            return null;
        }
        var collection = new JsonObject
        {
            ["elementId"] = id,
            ["dictionaryReference"] = vocabulary + id,
            ["objectType"] = "DataElementCollection",
        };
        if (nodeType is not null)
        {
            collection["nodeTypes"] = new JsonArray(nodeType);
        }
        collection["elements"] = new JsonArray(present);
        return collection;
    }

    public static JsonObject? Multi(string id, string vocabulary, IEnumerable<JsonObject?[]> items)
    {
        var rows = items.Select(row => row.Where(e => e is not null).Cast<JsonNode>().ToArray()).Where(row => row.Length > 0)
            .Select(row => (JsonNode)new JsonArray(row)).ToArray();
        return rows.Length == 0 ? null : new JsonObject
        {
            ["elementId"] = id,
            ["dictionaryReference"] = vocabulary + id,
            ["objectType"] = "MultiValuedDataElement",
            ["value"] = new JsonArray(rows),
        };
    }

    /// <summary><c>industrial</c> → <c>…/IndustrialBattery</c> style term URIs.</summary>
    public static string? Term(string vocabulary, string? value, string suffix = "") =>
        value is null || value.Length == 0 ? null : vocabulary + char.ToUpperInvariant(value[0]) + value[1..] + suffix;
}
