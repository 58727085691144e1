namespace CircularPartners.DataSpace.Domain.Membership;

/// <summary>A member of the data space as the secretariat registered it.</summary>
public sealed record Participant(
    string ParticipantId,
    string Name,
    string Kind,
    string Industry,
    IReadOnlyList<string> Roles,
    string ConnectorAddress,
    IReadOnlyList<string> SigningKeys,
    bool Active,
    DateTimeOffset JoinedAt,
    DateTimeOffset? LeftAt);
