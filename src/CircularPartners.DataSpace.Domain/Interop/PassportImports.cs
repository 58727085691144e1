using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Identity;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>An imported passport as published, with its mapping report.</summary>
public sealed record ImportOutcome(PublishOutcome Published, ImportReport Report);

/// <summary>
/// Imports a passport published in another format: detects the encoding, lets the format's
/// importer check the source against the format's own schema and map it to a passport body with a
/// report of every field, fills what the source lacks from the caller's supplied values, keeps the
/// original in the body's <c>importSource</c> section (owner-only and unindexed, as a section no
/// schema knows, hash-linked by the SHA-256 of the source bytes) and publishes it as the caller.
/// A signed source (a UNTP <c>vc+jwt</c>) is verified when <paramref name="keys"/> knows its key.
/// </summary>
public sealed class PassportImports(PassportOperations operations, ICredentialKeys? keys = null)
{
    /// <summary>The top-level section holding the original document.</summary>
    public const string SourceSection = "importSource";

    /// <summary>The source pointer of a value the caller supplied for a body field the source lacks.</summary>
    public const string SuppliedSource = "supplied:";

    private static readonly IPassportImporter[] Importers =
    [
        new En18223Import(),
        new CatenaxImport(),
        new BatteryPassGpiImport(),
        new UntpImport(),
        new Iec62474Import(),
        new OpenEpcisImport(),
    ];

    /// <summary>The formats this connector imports, by name.</summary>
    public static IReadOnlyList<string> Formats { get; } = [.. Importers.Select(i => i.Format)];

    public async Task<ImportOutcome> ImportAsync(Caller caller, ReadOnlyMemory<byte> source, string format, long? expectedVersion,
        IReadOnlyDictionary<string, string> supplied, CancellationToken cancellationToken)
    {
        var (body, schemaId, report) = Convert(source.Span, format, supplied, keys);
        try
        {
            var published = await operations.PublishAsync(caller,
                new PublishCommand(null, schemaId, PassportBody.FromText(body.ToJsonString()), expectedVersion, KeepUnknownSections: true), cancellationToken);
            return new ImportOutcome(published, report);
        }
        catch (PassportValidationException ex) when (ex.Violations.Any(SuppliedValues.IsMissing))
        {
            throw SuppliedValues.Explain(ex);
        }
    }

    /// <summary>The passport body (with the original attached), its schema and the mapping report; nothing is published.</summary>
    public static (JsonObject Body, string SchemaId, ImportReport Report) Convert(ReadOnlySpan<byte> source, string format,
        IReadOnlyDictionary<string, string>? supplied = null, ICredentialKeys? keys = null)
    {
        var normalized = (format ?? "").Trim().ToLowerInvariant();
        var importer = Importers.FirstOrDefault(i => i.Format == normalized);
        if (importer is null)
        {
            var message = $"Unknown import format '{format}': this connector imports {string.Join(", ", Importers.Select(i => $"'{i.Format}' ({i.Description})"))}.";
            throw new PassportValidationException(message, [new Violation("format", "unknown_format", message)]);
        }
        var (text, encoding) = SourceText.Decode(source);
        var notes = new List<string>();
        var (writer, schemaId) = importer is ISignedSourceImporter signed ? signed.Import(text, notes, keys) : importer.Import(text, notes);
        foreach (var (pointer, value) in supplied ?? new Dictionary<string, string>())
        {
            Supply(writer, pointer, value);
        }
        var hash = System.Convert.ToHexStringLower(SHA256.HashData(source));
        writer.Body[SourceSection] = new JsonObject
        {
            ["format"] = normalized,
            ["encoding"] = encoding,
            ["sha256"] = hash,
            ["contentBase64"] = System.Convert.ToBase64String(source),
        };
        return (writer.Body, schemaId, new ImportReport(normalized, encoding, hash, writer.Mapped, writer.Dropped, notes));
    }

    /// <summary>
    /// Sets a body field the source lacks (e.g. <c>/economicOperator/name</c> when the source names its
    /// operator only by BPNL). The value is JSON when it parses as JSON, else a string; a field the
    /// source already set keeps the source's value and the supplied one is reported as dropped.
    /// </summary>
    private static void Supply(BodyWriter writer, string pointer, string value)
    {
        if (!pointer.StartsWith('/') || pointer.Length < 2 || pointer.StartsWith("/" + SourceSection, StringComparison.Ordinal))
        {
            var message = $"A supplied value's key must be a JSON Pointer into the passport body, not '{pointer}'.";
            throw new PassportValidationException(message, [new Violation("supplied", "pointer", message)]);
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            node = JsonValue.Create(value);
        }
        writer.Map(SuppliedSource + pointer, pointer, node);
    }
}
