namespace CircularPartners.DataSpace.Domain.Validation;

/// <summary>A schema file could not be loaded; the connector must not start without it.</summary>
public sealed class SchemaLoadException(string message, Exception? inner = null) : Exception(message, inner);
