namespace CircularPartners.DataSpace.Domain.Errors;

/// <summary>Another connector could not be reached in time; the call may be retried.</summary>
public sealed class RemoteUnavailableException(string message, Exception? inner = null) : DomainException(message, inner);

/// <summary>Another connector refused a step for a reason other than policy.</summary>
public sealed class RemoteRejectedException(string message, Exception? inner = null) : DomainException(message, inner);
