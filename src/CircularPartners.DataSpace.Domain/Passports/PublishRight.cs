namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>
/// What an admitted publisher may publish on this connector: for which economic operators, and
/// whether it is the operator itself (rate limits may spare the operator).
/// </summary>
public sealed record PublishRight(string ParticipantId, bool IsOperator, bool AnyEconomicOperator, IReadOnlySet<string> EconomicOperators)
{
    public bool Covers(string economicOperator) => AnyEconomicOperator || EconomicOperators.Contains(economicOperator);
}
