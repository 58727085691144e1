using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Domain.Validation;
using static CircularPartners.DataSpace.Domain.Interop.UntpVocabulary;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The <c>cpdsPassport</c> extension of an exported credential: <c>{schema, body}</c>, where body is
/// the part of the passport the UNTP terms do not carry back exactly. Rather than trust a table to
/// stay in step with the importer, the exporter imports its own credential and compares: every
/// field the UNTP terms would not restore to the same value (a field with no UNTP term, or one whose
/// UNTP form is lossy) goes into the extension, so export → import keeps every field the caller
/// could read. The original of an earlier import (<c>importSource</c>) is never exported.
/// </summary>
internal static class UntpExtension
{
    /// <summary>Adds the extension to <paramref name="credential"/>; answers the pointers not exported.</summary>
    public static IReadOnlyList<string> Complete(JsonObject credential, ExportSource body, string schemaId)
    {
        var subject = (JsonObject)credential["credentialSubject"]!;
        var extension = new JsonObject { ["schema"] = schemaId };
        subject[Extension] = extension;
        var kept = "/" + PassportImports.SourceSection + "/";
        var leaves = body.Leaves();
        var leftovers = body.Unmapped().Where(p => !p.StartsWith(kept, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var (restored, _) = UntpImporter.Import(JsonSerializer.SerializeToElement(credential));
        foreach (var pointer in leaves.Where(p => !leftovers.Contains(p) && !p.StartsWith(kept, StringComparison.Ordinal)))
        {
            if (!Same(body.Peek(pointer), restored.Get(pointer)))
            {
                leftovers.Add(pointer);
            }
        }
        if (leftovers.Count > 0)
        {
            var partial = new JsonObject();
            foreach (var pointer in leaves.Where(leftovers.Contains))
            {
                Set(partial, pointer, body.Peek(pointer));
            }
            extension["body"] = partial;
        }
        return [.. leaves.Where(p => p.StartsWith(kept, StringComparison.Ordinal))];
    }

    private static bool Same(JsonNode? expected, JsonNode? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (JsonValue e, JsonValue a) when e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number => e.GetValue<double>() == a.GetValue<double>(),
        (not null, not null) => expected.ToJsonString() == actual.ToJsonString(),
        _ => false,
    };

    /// <summary>Sets a leaf in a partial body; array rows before it that hold nothing of the extension are empty objects.</summary>
    private static void Set(JsonObject root, string pointer, JsonNode? value)
    {
        var tokens = JsonPointer.Tokens(pointer).ToArray();
        JsonNode current = root;
        for (var i = 0; i < tokens.Length; i++)
        {
            var last = i == tokens.Length - 1;
            JsonNode? Make() => last ? value : IsArrayIndex(tokens[i + 1]) ? new JsonArray() : new JsonObject();
            if (current is JsonArray array)
            {
                var index = int.Parse(tokens[i], System.Globalization.CultureInfo.InvariantCulture);
                while (array.Count <= index)
                {
                    array.Add(new JsonObject());
                }
                if (last || array[index] is JsonObject { Count: 0 } && Make() is JsonArray)
                {
                    array[index] = Make();
                }
                current = array[index]!;
            }
            else
            {
                var obj = (JsonObject)current;
                if (last)
                {
                    obj[tokens[i]] = value;
                    return;
                }
                current = obj[tokens[i]] ??= Make()!;
            }
        }
    }

    private static bool IsArrayIndex(string token) => token.Length > 0 && token.All(char.IsAsciiDigit);
}
