namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// What a non-owner may read on this connector: the public class always, plus what a verified
/// data-access token's agreement grants.
/// </summary>
public sealed record ReadGrant(Agreement? Agreement)
{
    public static readonly ReadGrant PublicOnly = new((Agreement?)null);

    public IReadOnlySet<string> Classes { get; } =
        new HashSet<string>(["public", .. Agreement?.AccessClasses ?? []], StringComparer.Ordinal);
}
