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
/// Imports a passport published in another format: detects the encoding, checks the source
/// against its own format, maps it to a passport body with a report of every field, keeps the
/// original in the body's <c>importSource</c> section (owner-only and unindexed, as a section no
/// schema knows, hash-linked by the SHA-256 of the source bytes) and publishes it as the caller.
/// </summary>
public sealed class PassportImports(PassportOperations operations)
{
    /// <summary>The top-level section holding the original document.</summary>
    public const string SourceSection = "importSource";

    public async Task<ImportOutcome> ImportAsync(Caller caller, ReadOnlyMemory<byte> source, string format, long? expectedVersion, CancellationToken cancellationToken)
    {
        var (body, report) = Convert(source.Span, format);
        var published = await operations.PublishAsync(caller,
            new PublishCommand(null, "battery/2.0", PassportBody.FromText(body.ToJsonString()), expectedVersion, KeepUnknownSections: true), cancellationToken);
        return new ImportOutcome(published, report);
    }

    /// <summary>The passport body (with the original attached) and the mapping report; nothing is published.</summary>
    public static (JsonObject Body, ImportReport Report) Convert(ReadOnlySpan<byte> source, string format)
    {
        var normalized = (format ?? "").Trim().ToLowerInvariant();
        if (normalized != PassportExports.En18223)
        {
            var message = $"Unknown import format '{format}': this connector imports '{PassportExports.En18223}'.";
            throw new PassportValidationException(message, [new Violation("format", "unknown_format", message)]);
        }
        var (text, encoding) = SourceText.Decode(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            var message = "The source is not JSON.";
            throw new PassportValidationException(message, [new Violation("source", "json", message)]);
        }
        using (document)
        {
            var notes = new List<string>();
            var writer = En18223Importer.Import(En18223Source.Read(document.RootElement, notes));
            var hash = System.Convert.ToHexStringLower(SHA256.HashData(source));
            writer.Body[SourceSection] = new JsonObject
            {
                ["format"] = normalized,
                ["encoding"] = encoding,
                ["sha256"] = hash,
                ["contentBase64"] = System.Convert.ToBase64String(source),
            };
            return (writer.Body, new ImportReport(normalized, encoding, hash, writer.Mapped, writer.Dropped, notes));
        }
    }
}
