namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>The outcome of a policy check; a denial names the rule that denied.</summary>
public sealed record PolicyDecision(bool Granted, string Rule, string Explanation)
{
    public static readonly PolicyDecision Grant = new(true, "", "");

    public static PolicyDecision Deny(string rule, string explanation) => new(false, rule, explanation);
}
