using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace CircularPartners.DataSpace.Cli;

/// <summary>
/// Proto messages as JSON the way the connector's REST API writes them: protobuf JSON names, every
/// field, and 64-bit integers as JSON numbers (protobuf's JSON mapping quotes them; ASP.NET
/// Core's JSON transcoding does not), so <c>--json</c> output and REST responses read alike.
/// </summary>
internal static class ProtoJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static string Format(IMessage message)
    {
        var node = JsonNode.Parse(Formatter.Format(message));
        if (node is JsonObject json)
        {
            Unquote64BitIntegers(json, message.Descriptor);
        }
        return node!.ToJsonString();
    }

    private static void Unquote64BitIntegers(JsonObject json, MessageDescriptor descriptor)
    {
        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            if (!json.TryGetPropertyValue(field.JsonName, out var value) || value is null)
            {
                continue;
            }
            if (Is64BitInteger(field.FieldType))
            {
                json[field.JsonName] = value is JsonArray array
                    ? new JsonArray([.. array.Select(ToNumber)])
                    : ToNumber(value);
            }
            else if (field.FieldType == FieldType.Message && !field.IsMap)
            {
                foreach (var nested in value is JsonArray items ? items.OfType<JsonObject>() : value is JsonObject one ? [one] : [])
                {
                    Unquote64BitIntegers(nested, field.MessageType);
                }
            }
        }
    }

    private static bool Is64BitInteger(FieldType type) =>
        type is FieldType.Int64 or FieldType.UInt64 or FieldType.SInt64 or FieldType.Fixed64 or FieldType.SFixed64;

    private static JsonNode? ToNumber(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && decimal.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : value?.DeepClone();
}
