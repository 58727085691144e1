using System.Text.Json;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>RFC 6901 helpers.</summary>
public static class JsonPointer
{
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>The reference tokens of <paramref name="pointer"/>, unescaped (none for the whole document, <c>""</c>).</summary>
    public static IEnumerable<string> Tokens(string pointer) => pointer.Split('/').Skip(1).Select(Unescape);

    /// <summary>The element <paramref name="pointer"/> refers to in <paramref name="root"/>; null when there is none.</summary>
    public static JsonElement? Resolve(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var name in Tokens(pointer))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(name, out var index) && index >= 0 && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }
        return current;
    }
}
