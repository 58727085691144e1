using System.Text.Json;
using CircularPartners.DataSpace.Domain.Errors;
using CircularPartners.DataSpace.Domain.Passports;
using CircularPartners.DataSpace.Domain.Sharing;
using CircularPartners.DataSpace.Domain.Validation;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>A passport in another format, and what of it that format has no place for.</summary>
public sealed record PassportExport(string PassportId, long Version, string Format, string MediaType, string Json, IReadOnlyList<string> Unmapped);

/// <summary>
/// Exports a passport as EN 18223 JSON or as an (unsigned) UNTP credential, from the version as
/// the caller may read it (<see cref="SharedPassportReader"/>): the export of a reader who may see
/// only public fields contains only those.
/// </summary>
public sealed class PassportExports(SharedPassportReader reader, PublishPolicy policy, TimeProvider time)
{
    public const string En18223 = "en18223";
    public const string Untp = "untp";

    /// <summary>The export and the version it was built from, as the caller sees it.</summary>
    public async Task<(PassportExport Export, PassportRecord Read)> ExportAsync(ReadGrant grant, string passportId, long? version, string format,
        CancellationToken cancellationToken)
    {
        var normalized = (format ?? "").Trim().ToLowerInvariant();
        if (normalized is not (En18223 or Untp))
        {
            var message = $"Unknown export format '{format}': use '{En18223}' or '{Untp}'.";
            throw new PassportValidationException(message, [new Violation("format", "unknown_format", message)]);
        }
        var view = await reader.GetAsync(grant, passportId, version, cancellationToken);
        using var document = JsonDocument.Parse(view.Json);
        var body = new ExportSource(document.RootElement);
        var (json, unmapped) = normalized == En18223
            ? (En18223Exporter.Export(body, passportId, view.Status == PassportStatus.Active, view.PublishedAt), body.Unmapped())
            : UntpCredentialBuilder.Build(body, passportId, view.Version, view.SchemaId, policy.Operator, time.GetUtcNow());
        var mediaType = normalized == En18223 ? "application/json" : "application/vc+ld+json";
        return (new PassportExport(passportId, view.Version, normalized, mediaType, json.ToJsonString(), unmapped), view);
    }
}
