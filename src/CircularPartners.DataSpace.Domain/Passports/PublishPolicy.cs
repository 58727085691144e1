using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;

namespace CircularPartners.DataSpace.Domain.Passports;

/// <summary>
/// The one place that decides who may publish a passport on this connector. A connector accepts
/// passports only from its operator and from the participants the operator delegated publishing
/// to; the economic operator a passport names must be the publisher's own (its participant id,
/// which the secretariat registers as the corporate number, or for the operator one of its
/// configured identifiers) or one its delegation lists. Only arterial participants, who put
/// products on the market, publish; venous participants add lifecycle events.
/// </summary>
public sealed class PublishPolicy(PublishSettings settings, IDelegationStore delegations, TimeProvider time)
{
    public const string RoleRule = "publish.role";
    public const string OperatorOrDelegateRule = "publish.operator-or-delegate";
    public const string EconomicOperatorRule = "publish.economic-operator";

    /// <summary>In <see cref="PublishSettings.OperatorIdentifiers"/>: the operator publishes for any economic operator.</summary>
    public const string AnyIdentifier = "*";

    /// <summary>The role that publishes passports.</summary>
    public const string PublishingRole = "arterial";

    private readonly HashSet<string> _operatorIdentifiers = new(settings.OperatorIdentifiers.Where(i => i != AnyIdentifier).Append(settings.Operator), StringComparer.Ordinal);
    private readonly bool _operatorAny = settings.OperatorIdentifiers.Contains(AnyIdentifier);

    public string Operator => settings.Operator;

    /// <summary>Admits a publisher before its body is even read; a refusal names its rule.</summary>
    /// <exception cref="PermissionDeniedException">The caller may not publish on this connector.</exception>
    public PublishRight Admit(Caller caller)
    {
        if (!caller.HasRole(PublishingRole))
        {
            throw Denied(RoleRule,
                $"Only arterial participants (those who put products on the market) publish passports; '{caller.ParticipantId}' is not one. Venous participants add lifecycle events instead.");
        }
        if (caller.ParticipantId == settings.Operator)
        {
            return new PublishRight(caller.ParticipantId, IsOperator: true, _operatorAny, _operatorIdentifiers);
        }
        var now = time.GetUtcNow();
        var delegated = delegations.Delegations
            .Where(d => d.ParticipantId == caller.ParticipantId && d.IsInForce(now))
            .SelectMany(d => d.EconomicOperators)
            .ToHashSet(StringComparer.Ordinal);
        if (delegated.Count == 0)
        {
            throw Denied(OperatorOrDelegateRule,
                $"This connector publishes passports for its operator '{settings.Operator}' and the participants it has delegated publishing to; '{caller.ParticipantId}' is neither.");
        }
        delegated.Add(caller.ParticipantId);
        return new PublishRight(caller.ParticipantId, IsOperator: false, AnyEconomicOperator: false, delegated);
    }

    /// <summary>Checks the economic operator a validated body names (<c>/economicOperator/corporateNumber</c>).</summary>
    /// <exception cref="PermissionDeniedException">The publisher may not publish for that economic operator.</exception>
    public static void RequireEconomicOperator(PublishRight right, string? economicOperator)
    {
        if (string.IsNullOrEmpty(economicOperator) || !right.Covers(economicOperator))
        {
            throw Denied(EconomicOperatorRule, right.IsOperator
                ? $"The passport names economic operator '{economicOperator}', which is not the operator's own identifier (setting Publishing:OperatorIdentifiers)."
                : $"The passport names economic operator '{economicOperator}', which is neither '{right.ParticipantId}' itself nor one it is delegated to publish for.");
        }
    }

    /// <summary>Both checks at once, for a caller and the economic operator its body names.</summary>
    public PublishRight Decide(Caller caller, string? economicOperator)
    {
        var right = Admit(caller);
        RequireEconomicOperator(right, economicOperator);
        return right;
    }

    private static PermissionDeniedException Denied(string rule, string explanation) => new(rule, $"{explanation} (rule {rule})");
}
