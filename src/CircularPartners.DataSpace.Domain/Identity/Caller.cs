namespace CircularPartners.DataSpace.Domain.Identity;

/// <summary>The authenticated participant behind a call, from its membership credential.</summary>
public sealed record Caller(string ParticipantId, IReadOnlySet<string> Roles)
{
    public bool HasRole(string role) => Roles.Contains(role);
}
