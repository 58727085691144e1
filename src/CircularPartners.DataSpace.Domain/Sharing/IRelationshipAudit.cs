namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// One state change of an offer, negotiation, agreement or token, as one side (provider or
/// consumer connector) records it: who did it, whose relationship it is, and every id it concerns.
/// </summary>
public sealed record RelationshipChange(
    string Actor,
    string Owner,
    string Action,
    string Side,
    string? OfferId = null,
    string? NegotiationId = null,
    string? AgreementId = null,
    string? Purpose = null,
    bool Granted = true,
    string? Reason = null,
    string? State = null)
{
    public const string ProviderSide = "provider";
    public const string ConsumerSide = "consumer";

    /// <summary>The ids and state as named audit details (only those present).</summary>
    public IReadOnlyDictionary<string, string> Details()
    {
        var details = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["side"] = Side };
        Add(details, "offer_id", OfferId);
        Add(details, "negotiation_id", NegotiationId);
        Add(details, "agreement_id", AgreementId);
        Add(details, "state", State);
        return details;
    }

    private static void Add(SortedDictionary<string, string> details, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            details[name] = value;
        }
    }
}

/// <summary>Where relationship state changes are recorded (the connector's tamper-evident audit log).</summary>
public interface IRelationshipAudit
{
    Task RecordAsync(RelationshipChange change, CancellationToken cancellationToken);
}
