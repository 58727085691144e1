namespace CircularPartners.DataSpace.Domain.Errors;

/// <summary>Another connector could not be reached in time; the call may be retried.</summary>
public sealed class RemoteUnavailableException(string message, Exception? inner = null) : DomainException(message, inner);

/// <summary>Another connector refused a step for a reason other than policy.</summary>
public sealed class RemoteRejectedException(string message, Exception? inner = null) : DomainException(message, inner);

/// <summary>
/// Another connector answered that a resource (an offer, an agreement) does not exist there:
/// NOT_FOUND, like a local unknown id, with a message naming that connector.
/// </summary>
public sealed class RemoteNotFoundException(string message, string resourceType, string name, Exception? inner = null) : DomainException(message, inner)
{
    public string ResourceType { get; } = resourceType;
    public string Name { get; } = name;
}
