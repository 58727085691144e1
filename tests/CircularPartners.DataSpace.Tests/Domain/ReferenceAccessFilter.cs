using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using CircularPartners.DataSpace.Domain.Sharing;

namespace CircularPartners.DataSpace.Tests.Domain;

/// <summary>
/// The first access filter (a granted-content check at every level, so quadratic in depth), kept
/// as the oracle for the single-pass <see cref="AccessFilter"/>: both must give the same bytes.
/// </summary>
internal static class ReferenceAccessFilter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static string Filter(string json, AccessMap map, IReadOnlySet<string> granted)
    {
        if (granted.Contains("owner"))
        {
            return json;
        }
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (!WriteObject(writer, document.RootElement, map, granted))
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the granted part of an object; false (and nothing written) when no field is granted.</summary>
    private static bool WriteObject(Utf8JsonWriter writer, JsonElement element, AccessMap map, IReadOnlySet<string> granted)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            element.WriteTo(writer);
            return true;
        }
        var started = false;
        foreach (var property in element.EnumerateObject())
        {
            var child = map.Property(property.Name);
            if (child is null || !granted.Contains(child.AccessClass) || !HasGrantedContent(property.Value, child, granted))
            {
                continue;
            }
            if (!started)
            {
                writer.WriteStartObject();
                started = true;
            }
            writer.WritePropertyName(property.Name);
            WriteValue(writer, property.Value, child, granted);
        }
        if (started)
        {
            writer.WriteEndObject();
        }
        return started;
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement value, AccessMap map, IReadOnlySet<string> granted)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(writer, value, map, granted);
                break;
            case JsonValueKind.Array when map.Items is { } items:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        item.WriteTo(writer);
                    }
                    else
                    {
                        WriteObject(writer, item, items, granted); // an item with nothing granted is left out entirely
                    }
                }
                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static bool HasGrantedContent(JsonElement value, AccessMap map, IReadOnlySet<string> granted) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().Any(p => map.Property(p.Name) is { } c && granted.Contains(c.AccessClass) && HasGrantedContent(p.Value, c, granted)),
        JsonValueKind.Array when map.Items is { } items => value.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.Object || HasGrantedContent(i, items, granted)),
        _ => true,
    };
}
