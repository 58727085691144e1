namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>One problem in a request: where (a JSON Pointer into the body, or a request field), what kind, and why.</summary>
public sealed record Violation(string Pointer, string Kind, string Message);
