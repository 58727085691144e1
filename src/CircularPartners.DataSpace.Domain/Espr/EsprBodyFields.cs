using System.Text.Json;
using CircularPartners.DataSpace.Domain.DigitalLink;

namespace CircularPartners.DataSpace.Domain.Espr;

/// <summary>The registry fields as a passport body carries them, read where the schemas put them.</summary>
internal static class EsprBodyFields
{
    private const int MaxDepth = 64;

    /// <summary>
    /// <c>/economicOperator/identifier</c> (<c>{scheme, id}</c>) when the body has one, else the
    /// Japanese corporate number of core 1.0 (<c>/economicOperator/corporateNumber</c>).
    /// </summary>
    public static EsprIdentifier? OperatorIdentifier(JsonElement body)
    {
        if (!TryObject(body, "economicOperator", out var economicOperator))
        {
            return null;
        }
        if (TryObject(economicOperator, "identifier", out var identifier)
            && String(identifier, "scheme") is { } scheme && String(identifier, "id") is { } id)
        {
            return new EsprIdentifier(scheme, id);
        }
        return String(economicOperator, "corporateNumber") is { } number ? new EsprIdentifier("jp-cn", number) : null;
    }

    /// <summary>
    /// <c>/manufacturingFacility/identifier</c> (core 2.0, <c>{scheme, id}</c>), then every
    /// <c>facilityId</c> anywhere in the body (e.g. <c>/battery/manufacturingPlant/facilityId</c>), once each.
    /// </summary>
    public static List<EsprIdentifier> FacilityIdentifiers(JsonElement body)
    {
        var found = new List<EsprIdentifier>();
        if (TryObject(body, "manufacturingFacility", out var facility) && TryObject(facility, "identifier", out var identifier)
            && String(identifier, "scheme") is { } scheme && String(identifier, "id") is { } id)
        {
            found.Add(new EsprIdentifier(scheme, id));
        }
        Walk(body, 0, found);
        return found;
    }

    /// <summary>The first of <paramref name="names"/> that is a non-empty string in the object <paramref name="section"/>.</summary>
    public static string? FirstString(JsonElement body, string section, params string[] names)
    {
        if (!TryObject(body, section, out var parent))
        {
            return null;
        }
        return names.Select(name => String(parent, name)).FirstOrDefault(value => value is not null);
    }

    private static void Walk(JsonElement element, int depth, List<EsprIdentifier> found)
    {
        if (depth > MaxDepth)
        {
            return;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("facilityId") && property.Value.ValueKind == JsonValueKind.String
                        && property.Value.GetString() is { Length: > 0 } id && !found.Any(f => f.Value == id))
                    {
                        // A 13-digit id with a valid GS1 check digit is a GLN; anything else is the operator's own code.
                        found.Add(new EsprIdentifier(id.Length == 13 && Gtin.ToGtin14(id) is not null ? "gln" : "operator-defined", id));
                    }
                    Walk(property.Value, depth + 1, found);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, depth + 1, found);
                }
                break;
        }
    }

    private static bool TryObject(JsonElement parent, string name, out JsonElement value)
    {
        value = default;
        return parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Object;
    }

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
