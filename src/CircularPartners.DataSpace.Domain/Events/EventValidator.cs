using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Events;

/// <summary>Checks an event document: a known type, a time, and well-formed recovered fractions.</summary>
public static class EventValidator
{
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
        { "collected", "sorted", "repaired", "refurbished", "remanufactured", "recycled", "disposed" };

    /// <summary>Returns the event type; throws with every problem found.</summary>
    public static string Validate(string eventJson)
    {
        var violations = new List<Violation>();
        string type = "";
        try
        {
            using var document = JsonDocument.Parse(eventJson, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid([new Violation("", "type_mismatch", "An event is a JSON object.")]);
            }
            type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            if (!Types.Contains(type))
            {
                violations.Add(new Violation("/type", "not_in_enumeration", $"type must be one of {string.Join(", ", Types)}."));
            }
            if (!root.TryGetProperty("occurredAt", out var at) || at.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(at.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                violations.Add(new Violation("/occurredAt", "format", "occurredAt must be an RFC 3339 date-time."));
            }
            if (root.TryGetProperty("recoveredFractions", out var fractions))
            {
                var i = 0;
                foreach (var fraction in fractions.ValueKind == JsonValueKind.Array ? fractions.EnumerateArray() : default)
                {
                    if (!fraction.TryGetProperty("massKg", out var mass) || mass.ValueKind != JsonValueKind.Number || mass.GetDouble() < 0)
                    {
                        violations.Add(new Violation($"/recoveredFractions/{i}/massKg", "number_too_small", "massKg must be a non-negative number."));
                    }
                    i++;
                }
            }
        }
        catch (JsonException)
        {
            violations.Add(new Violation("", "invalid_json", "The event is not valid JSON."));
        }
        return violations.Count == 0 ? type : throw Invalid(violations);
    }

    private static PassportValidationException Invalid(List<Violation> violations) =>
        new($"The event has {violations.Count} problem(s).", violations);
}
