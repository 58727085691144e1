namespace CircularPartners.DataSpace.Domain.Errors;

/// <summary>A named resource (offer, negotiation, agreement, ...) does not exist for this caller.</summary>
public sealed class ResourceNotFoundException(string resourceType, string name)
    : DomainException($"The {resourceType} '{name}' does not exist.")
{
    public string ResourceType { get; } = resourceType;
    public string Name { get; } = name;
}
