namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// One established format a passport can be imported from. An importer checks the decoded source
/// against the format's own published schema (or, where none is published, its envelope rules),
/// refusing it with <see cref="Errors.PassportValidationException"/> when it does not conform, and
/// maps every data value: to a body pointer, or to the dropped list with its reason.
/// </summary>
internal interface IPassportImporter
{
    /// <summary>The name callers give (<c>--from</c>, <c>ImportPassportRequest.format</c>).</summary>
    string Format { get; }

    /// <summary>What the format is, for error messages and help.</summary>
    string Description { get; }

    /// <summary>The body built from <paramref name="text"/> and the schema it is published under; notes on the source schema check go to <paramref name="notes"/>.</summary>
    ImportedBody Import(string text, List<string> notes);
}

/// <summary>A mapped body (with its report so far) and the schema id it is to be published under, e.g. <c>battery/2.0</c>.</summary>
internal sealed record ImportedBody(BodyWriter Writer, string SchemaId);
