using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>Rejects unknown or contradictory offer terms at creation, reporting all of them at once.</summary>
public static class OfferValidator
{
    public static void Validate(IReadOnlyList<string> accessClasses, OfferConstraints constraints)
    {
        var violations = new List<Violation>();
        Unknown(accessClasses, SharingVocabulary.OfferableClasses, "access_classes", "access class", violations);
        Unknown(constraints.AllowedRoles, SharingVocabulary.Roles, "constraints.allowed_roles", "role", violations);
        Unknown(constraints.Purposes, SharingVocabulary.Purposes, "constraints.purposes", "purpose", violations);
        if (constraints.Purposes.Count == 0)
        {
            violations.Add(new Violation("constraints.purposes", "required", "An offer names at least one purpose."));
        }
        if (constraints.ValidFrom is { } from && constraints.ValidUntil is { } until && until <= from)
        {
            violations.Add(new Violation("constraints.valid_until", "contradictory", "valid_until is not after valid_from."));
        }
        if (constraints.UsageEnd is { } end && (constraints.ValidFrom is { } start && end <= start))
        {
            violations.Add(new Violation("constraints.usage_end", "contradictory", "usage_end is not after valid_from."));
        }
        if (constraints.AllowEvents && constraints.AllowedRoles.Count > 0 && !constraints.AllowedRoles.Contains("venous"))
        {
            violations.Add(new Violation("constraints.allow_events", "contradictory", "Lifecycle events come from venous participants, but the offer excludes the venous role."));
        }
        if (violations.Count > 0)
        {
            throw new PassportValidationException($"The offer has {violations.Count} problem(s).", violations);
        }
    }

    private static void Unknown(IEnumerable<string> values, IReadOnlySet<string> known, string field, string what, List<Violation> violations)
    {
        foreach (var value in values.Where(v => !known.Contains(v)))
        {
            violations.Add(new Violation(field, "unknown_value",
                $"Unknown {what} '{value}'; expected one of {string.Join(", ", known.Order(StringComparer.Ordinal))}."));
        }
    }
}
