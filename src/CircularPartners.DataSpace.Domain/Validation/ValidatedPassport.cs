using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>A body that passed every check: canonical text, content hash and search facets.</summary>
public sealed record ValidatedPassport(string Json, string ContentHash, PassportFacets Facets, string? PassportIdInBody)
{
    /// <summary>The economic operator the body names (<c>/economicOperator/corporateNumber</c>), checked by the publish policy.</summary>
    public string? EconomicOperator { get; init; }
}
