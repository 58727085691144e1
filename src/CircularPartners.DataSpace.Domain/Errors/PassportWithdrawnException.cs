namespace CircularPartners.DataSpace.Domain.Errors;

/// <summary>A withdrawn passport is final: it can be read but not changed.</summary>
public sealed class PassportWithdrawnException(string passportId)
    : DomainException($"Passport '{passportId}' is withdrawn and cannot be changed.");
