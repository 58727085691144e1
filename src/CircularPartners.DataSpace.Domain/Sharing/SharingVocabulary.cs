namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>The closed vocabularies offers are written in; anything else is rejected at creation.</summary>
public static class SharingVocabulary
{
    public static readonly IReadOnlySet<string> Purposes = new HashSet<string>(StringComparer.Ordinal)
        { "recycling", "repair", "reuse", "remanufacture", "compliance", "research" };

    public static readonly IReadOnlySet<string> Roles = new HashSet<string>(StringComparer.Ordinal)
        { "arterial", "venous", "secretariat", "authority" };

    /// <summary>Classes an offer may grant; `public` is always readable and `owner` is never shared.</summary>
    public static readonly IReadOnlySet<string> OfferableClasses = new HashSet<string>(StringComparer.Ordinal)
        { "public", "participant", "legitimate-interest", "authority" };
}
