namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// The access classes of <c>x-access</c> as one ladder: a reader at a level reads every class at
/// or below it. <see cref="Owner"/> sits on top because the owner reads everything; it is never
/// granted to anyone else.
/// </summary>
public enum AccessLevel
{
    Public = 0,
    Participant = 1,
    LegitimateInterest = 2,
    Authority = 3,
    Owner = 4,
}

/// <summary>Conversions between <see cref="AccessLevel"/> and the class names used in schemas, offers and tokens.</summary>
public static class AccessLevels
{
    private static readonly string[] Names = ["public", "participant", "legitimate-interest", "authority", "owner"];

    /// <summary>The level of a class name; an unknown name is treated as the owner's (it never leaves).</summary>
    public static AccessLevel Parse(string? accessClass)
    {
        var index = Array.IndexOf(Names, accessClass);
        return index < 0 ? AccessLevel.Owner : (AccessLevel)index;
    }

    /// <summary>The highest of several granted classes: a grant of one includes every class before it.</summary>
    public static AccessLevel Highest(IEnumerable<string> accessClasses) =>
        accessClasses.Select(Parse).Where(l => l != AccessLevel.Owner).DefaultIfEmpty(AccessLevel.Public).Max();

    /// <summary>The class names a reader at <paramref name="level"/> reads.</summary>
    public static IReadOnlySet<string> ClassesUpTo(AccessLevel level) => Ladder[(int)level];

    private static readonly IReadOnlySet<string>[] Ladder =
        [.. Enumerable.Range(1, Names.Length).Select(n => new HashSet<string>(Names.Take(n), StringComparer.Ordinal))];
}
