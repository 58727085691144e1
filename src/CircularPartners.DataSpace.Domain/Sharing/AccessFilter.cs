using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// Keeps only the fields whose access class is granted. A dropped field disappears with its key,
/// and an object left with nothing granted disappears too, so not even the shape of ungranted
/// data leaves. Key order is kept, so canonical input gives canonical output.
/// </summary>
/// <remarks>
/// One pass over the document: a key and the opening of its object or array are held back until
/// something granted is written inside them, and dropped if nothing is. (Checking each subtree
/// for granted content before writing it walked every subtree once per level above it.)
/// </remarks>
public static class AccessFilter
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
            var output = new DeferredWriter(writer);
            if (!output.Object(document.RootElement, map, granted))
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A writer whose keys and openings wait for the first granted value beneath them.</summary>
    private sealed class DeferredWriter(Utf8JsonWriter writer)
    {
        private readonly List<(Token Kind, string? Name)> _pending = [];

        private enum Token
        {
            Property,
            StartObject,
            StartArray,
        }

        /// <summary>Writes the granted part of an object; false (and nothing written) when no field is granted.</summary>
        public bool Object(JsonElement element, AccessMap map, IReadOnlySet<string> granted)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Value(element);
                return true;
            }
            var mark = _pending.Count;
            _pending.Add((Token.StartObject, null));
            foreach (var property in element.EnumerateObject())
            {
                var child = map.Property(property.Name);
                if (child is null || !granted.Contains(child.AccessClass))
                {
                    continue;
                }
                var propertyMark = _pending.Count;
                _pending.Add((Token.Property, property.Name));
                Member(property.Value, child, granted);
                Discard(propertyMark); // only if nothing was written for it
            }
            return Close(mark, Token.StartObject);
        }

        private void Member(JsonElement value, AccessMap map, IReadOnlySet<string> granted)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    Object(value, map, granted);
                    break;
                case JsonValueKind.Array when map.Items is { } items:
                    var mark = _pending.Count;
                    _pending.Add((Token.StartArray, null));
                    foreach (var item in value.EnumerateArray())
                    {
                        // An object item with nothing granted is left out entirely.
                        Object(item, items, granted);
                    }
                    Close(mark, Token.StartArray);
                    break;
                default:
                    Value(value);
                    break;
            }
        }

        private void Value(JsonElement value)
        {
            Flush();
            value.WriteTo(writer);
        }

        /// <summary>Ends the object or array opened at <paramref name="mark"/>; false when it was never written.</summary>
        private bool Close(int mark, Token kind)
        {
            if (_pending.Count > mark)
            {
                Discard(mark);
                return false;
            }
            if (kind == Token.StartObject)
            {
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteEndArray();
            }
            return true;
        }

        private void Discard(int mark)
        {
            if (_pending.Count > mark)
            {
                _pending.RemoveRange(mark, _pending.Count - mark);
            }
        }

        private void Flush()
        {
            foreach (var (kind, name) in _pending)
            {
                switch (kind)
                {
                    case Token.Property:
                        writer.WritePropertyName(name!);
                        break;
                    case Token.StartObject:
                        writer.WriteStartObject();
                        break;
                    default:
                        writer.WriteStartArray();
                        break;
                }
            }
            _pending.Clear();
        }
    }
}
