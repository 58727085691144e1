namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>The values a passport is found by, extracted once at publish time and stored with it.</summary>
public sealed record PassportFacets(
    string UseCase,
    string Category,
    IReadOnlyList<string> Materials,
    IReadOnlyList<string> CasNumbers,
    double? RecycledContentPercent)
{
    public static readonly PassportFacets Empty = new("", "", [], [], null);
}
