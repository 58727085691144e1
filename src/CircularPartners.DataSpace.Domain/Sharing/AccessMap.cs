using NJsonSchema;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// The access class of every property of a schema, compiled once from the <c>x-access</c>
/// annotations: a tree of property name → class, with the item map for arrays of objects.
/// </summary>
public sealed class AccessMap
{
    /// <summary>Data the schema does not describe is treated as the owner's: it never leaves.</summary>
    public const string Undescribed = "owner";

    private AccessMap(string accessClass) => AccessClass = accessClass;

    public string AccessClass { get; }
    public Dictionary<string, AccessMap> Properties { get; } = new(StringComparer.Ordinal);
    public AccessMap? Items { get; private set; }

    public AccessMap? Property(string name) => Properties.GetValueOrDefault(name);

    /// <summary>One map over several schema layers (the DPP core and a use-case extension).</summary>
    public static AccessMap Build(IEnumerable<JsonSchema> layers)
    {
        var root = new AccessMap("public");
        foreach (var layer in layers)
        {
            root.Merge(layer.ActualSchema, depth: 0);
        }
        return root;
    }

    private void Merge(JsonSchema schema, int depth)
    {
        if (depth > 64)
        {
            return;
        }
        foreach (var (name, property) in schema.ActualProperties)
        {
            var accessClass = property.ExtensionData?.TryGetValue("x-access", out var value) == true && value is string s ? s : Undescribed;
            if (!Properties.TryGetValue(name, out var child))
            {
                Properties[name] = child = new AccessMap(accessClass);
            }
            child.Merge(property.ActualSchema, depth + 1);
        }
        // The branches of an alternative (an identifier's schemes) describe the same object.
        foreach (var branch in schema.OneOf.Concat(schema.AnyOf))
        {
            Merge(branch.ActualSchema, depth + 1);
        }
        if (schema.Item?.ActualSchema is { } item)
        {
            Items ??= new AccessMap(AccessClass);
            Items.Merge(item, depth + 1);
        }
    }
}
