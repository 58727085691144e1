namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>
/// Who a connector publishes for: its operator (the participant it runs for) and the
/// economic-operator identifiers the operator publishes as its own besides its participant id
/// (<see cref="PublishPolicy.AnyIdentifier"/> = any).
/// </summary>
public sealed record PublishSettings(string Operator, IReadOnlyList<string> OperatorIdentifiers);
