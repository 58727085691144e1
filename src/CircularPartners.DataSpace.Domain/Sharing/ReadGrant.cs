using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;

namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>
/// What one reader may read on this connector, passport by passport. Everyone reads the public
/// class; a member in good standing reads the participant class too; a member whose credential
/// carries the <c>authority</c> role reads the authority class on any passport (the law gives it
/// that right); an agreement raises the level on the passports its selector covers; the owner
/// reads everything of its own. A token never lowers what a reader sees.
/// </summary>
public sealed record ReadGrant(Caller? Reader, Agreement? Agreement)
{
    /// <summary>A reader with no credential (the public view).</summary>
    public static readonly ReadGrant Anonymous = new(null, null);

    /// <summary>The level on passports the agreement does not cover.</summary>
    public AccessLevel BaseLevel { get; } = Reader is null ? AccessLevel.Public
        : Reader.HasRole(AuthorityRole) ? AccessLevel.Authority : AccessLevel.Participant;

    private AccessLevel AgreedLevel { get; } = Agreement is null ? AccessLevel.Public : AccessLevels.Highest(Agreement.AccessClasses);

    public const string AuthorityRole = "authority";

    public bool IsOwnerOf(PassportRecord record) => Reader is not null && record.Owner == Reader.ParticipantId;

    /// <summary>Whether the agreement covers the passport (and so the read is a release under it).</summary>
    public bool Covers(PassportRecord record) => Agreement is { } agreement && agreement.Selector.Matches(record, agreement.Provider);

    public AccessLevel LevelFor(PassportRecord record) =>
        IsOwnerOf(record) ? AccessLevel.Owner
        : Covers(record) && AgreedLevel > BaseLevel ? AgreedLevel
        : BaseLevel;

    /// <summary>A read of another's passport by an authority, which the owner must be able to see in its audit log.</summary>
    public bool IsAuthorityRead(PassportRecord record) => !IsOwnerOf(record) && BaseLevel == AccessLevel.Authority;
}
