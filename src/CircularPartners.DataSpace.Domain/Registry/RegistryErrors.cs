using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Registry;

/// <summary>A registry request is malformed; carries every violation, each at its request field.</summary>
public sealed class RegistryValidationException(string message, IReadOnlyList<Violation> violations) : DomainException(message)
{
    public IReadOnlyList<Violation> Violations { get; } = violations;
}

/// <summary>No use case, category or proposal with that id.</summary>
public sealed class RegistryItemNotFoundException(string kind, string id)
    : DomainException($"The registry has no {kind.Replace('_', ' ')} '{id}'.")
{
    public string Kind { get; } = kind;
    public string Id { get; } = id;
}
