using CircularPartners.DataSpace.Domain.Identity;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>Evaluates an offer's constraints for a consumer, rule by rule, in a fixed order.</summary>
public static class PolicyEvaluator
{
    public const string ValidityRule = "offer.validity-window";
    public const string RoleRule = "offer.allowed-roles";
    public const string ParticipantRule = "offer.allowed-participants";
    public const string PurposeRule = "offer.purposes";

    /// <summary>Whether the consumer may see the offer in the catalog at all.</summary>
    public static PolicyDecision CanSee(Offer offer, Caller consumer, DateTimeOffset now)
    {
        var c = offer.Constraints;
        if (c.ValidFrom is { } from && now < from || c.ValidUntil is { } until && now >= until)
        {
            return PolicyDecision.Deny(ValidityRule, "The offer is not valid at this time.");
        }
        if (c.AllowedRoles.Count > 0 && !c.AllowedRoles.Any(consumer.HasRole))
        {
            return PolicyDecision.Deny(RoleRule, $"The offer is for the roles {string.Join(", ", c.AllowedRoles)}.");
        }
        if (c.AllowedParticipants.Count > 0 && !c.AllowedParticipants.Contains(consumer.ParticipantId))
        {
            return PolicyDecision.Deny(ParticipantRule, "The offer is for named participants only.");
        }
        return PolicyDecision.Grant;
    }

    /// <summary>Whether the consumer may agree to the offer for this purpose.</summary>
    public static PolicyDecision CanAgree(Offer offer, Caller consumer, string purpose, DateTimeOffset now)
    {
        var visible = CanSee(offer, consumer, now);
        if (!visible.Granted)
        {
            return visible;
        }
        return offer.Constraints.Purposes.Contains(purpose)
            ? PolicyDecision.Grant
            : PolicyDecision.Deny(PurposeRule, $"Purpose '{purpose}' is not among the offer's purposes ({string.Join(", ", offer.Constraints.Purposes)}).");
    }
}
